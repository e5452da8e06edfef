/**
 * Where roomlab reports what went wrong that no client can be told of (a failing subscriber, a media
 * step that broke). One small interface, so no part of roomlab drops an error silently: each part takes
 * a logger, and tests pass `memoryLogger()` to assert what was reported.
 */
export interface Logger {
  error(message: string, cause?: unknown): void;
  warn(message: string, cause?: unknown): void;
}

export type LogLevel = 'error' | 'warn';

export interface LogEntry {
  level: LogLevel;
  message: string;
  cause?: unknown;
}

/** Writes to the console, each line prefixed `roomlab:`. */
export const consoleLogger: Logger = {
  error: (message, cause) => console.error(`roomlab: ${message}`, ...(cause === undefined ? [] : [cause])),
  warn: (message, cause) => console.warn(`roomlab: ${message}`, ...(cause === undefined ? [] : [cause])),
};

/** Keeps what it is told, for a test to read. */
export function memoryLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogLevel) => (message: string, cause?: unknown) => {
    entries.push(cause === undefined ? { level, message } : { level, message, cause });
  };
  return { entries, error: record('error'), warn: record('warn') };
}
