/** What was thrown, as an Error (the SDK and browsers throw DOMExceptions, which are Errors; others may not). */
export function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
