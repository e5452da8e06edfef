/** The twilio CLI's logging levels (`-l`): a message shows when its level is at or above the chosen one. */
export const logLevels = { debug: -1, info: 0, warn: 1, error: 2, none: 10 } as const;
export type LogLevel = keyof typeof logLevels;

/** Bold and dim only on a terminal that wants colour, as chalk decides for the twilio CLI. */
function styled(code: [number, number], text: string): string {
  const colour = process.stderr.isTTY && !process.env.NO_COLOR;
  return colour ? `\u001b[${code[0]}m${text}\u001b[${code[1]}m` : text;
}

/**
 * What the api commands say on standard error, as the twilio CLI says it: errors ` » ` and bold, warnings
 * ` » `, information plain, debug `[DEBUG] ` and dim.
 */
export class CliLogger {
  constructor(private readonly level: LogLevel = 'info') {}

  debug(message: string): void {
    this.write('debug', styled([2, 22], `[DEBUG] ${message}`));
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', ` » ${message}`);
  }

  error(message: string): void {
    this.write('error', styled([1, 22], ` » ${message}`));
  }

  private write(level: LogLevel, text: string): void {
    if (logLevels[level] >= logLevels[this.level]) process.stderr.write(`${text}\n`);
  }
}
