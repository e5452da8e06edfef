/** What the network said when no answer came, in words a person reads. */
const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
};

/** Why a fetch to roomlab got no answer: its cause's code in words, else the cause's own message. */
export function whyUnreachable(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code && networkReasons[cause.code]) ?? cause?.message ?? (error as Error).message;
}
