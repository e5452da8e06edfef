/**
 * Twilio's webhook connection overrides, read from the callback URL's fragment
 * (`https://example.com/hook#ct=1000&rc=3&rp=5xx`): timeouts in milliseconds, how many retries, and
 * which failures to retry. Twilio's defaults: 5 s to connect, 15 s in all, one retry of a failed connection.
 */
export type FailureKind = 'ct' | 'rt' | '4xx' | '5xx';

export interface ConnectionOverrides {
  connectTimeoutMs: number;
  readTimeoutMs: number;
  totalTimeMs: number;
  retryCount: number;
  retryOn: ReadonlySet<FailureKind>;
}

const defaults: ConnectionOverrides = {
  connectTimeoutMs: 5000,
  readTimeoutMs: 15_000,
  totalTimeMs: 15_000,
  retryCount: 1,
  retryOn: new Set(['ct']),
};

function bounded(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

/** The URL to call (without its fragment) and the overrides its fragment sets. */
export function connectionOverrides(callbackUrl: string): { url: string; overrides: ConnectionOverrides } {
  const hash = callbackUrl.indexOf('#');
  if (hash < 0) return { url: callbackUrl, overrides: defaults };
  const fragment = new URLSearchParams(callbackUrl.slice(hash + 1));
  const policy = fragment.get('rp');
  const retryOn = new Set<FailureKind>();
  for (const kind of (policy ?? 'ct').split(',')) {
    if (kind === 'all') for (const each of ['ct', 'rt', '4xx', '5xx'] as const) retryOn.add(each);
    else if (kind === 'ct' || kind === 'rt' || kind === '4xx' || kind === '5xx') retryOn.add(kind);
  }
  return {
    url: callbackUrl.slice(0, hash),
    overrides: {
      connectTimeoutMs: bounded(fragment.get('ct'), defaults.connectTimeoutMs, 100, 10_000),
      readTimeoutMs: bounded(fragment.get('rt'), defaults.readTimeoutMs, 100, 15_000),
      totalTimeMs: bounded(fragment.get('tt'), defaults.totalTimeMs, 100, 15_000),
      retryCount: bounded(fragment.get('rc'), defaults.retryCount, 0, 5),
      retryOn,
    },
  };
}
