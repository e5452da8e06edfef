/** The few styles the CLI uses, as ANSI SGR codes. */
const codes = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
export type Style = keyof typeof codes;
export type Paint = (style: Style, text: string) => string;

/**
 * Whether to colour what goes to `stream`: `FORCE_COLOR` decides when set (0 or false: no), as Node's
 * own colouring reads it; else `NO_COLOR` (any value but empty) turns colour off (no-color.org); else
 * only a terminal that is not `dumb` gets colour, so piped output never carries escape codes.
 */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A painter: with colour, wraps text in its style's codes; without, leaves it as it is. */
export function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${codes[style]}m${text}\u001b[0m` : (_style, text) => text;
}
