/** Two-letter prefixes of the SIDs Twilio Video deals in. */
export const sidPrefixes = {
  account: 'AC',
  apiKey: 'SK',
  room: 'RM',
  participant: 'PA',
  track: 'MT',
  recording: 'RT',
  composition: 'CJ',
  compositionHook: 'HK',
  transcription: 'TT',
  /** A stored credential: AWS credentials and public keys (`accounts.twilio.com/v1/Credentials`). */
  credential: 'CR',
} as const;

export type SidPrefix = (typeof sidPrefixes)[keyof typeof sidPrefixes];

const sidPattern = /^[A-Z]{2}[0-9a-f]{32}$/;

/** Whether `value` is a SID of Twilio's form: the prefix then 32 lower-case hex digits. */
export function isSid(value: string, prefix?: SidPrefix): boolean {
  return sidPattern.test(value) && (prefix === undefined || value.startsWith(prefix));
}

/** Makes new SIDs. Injected into the engine so tests can make them predictable. */
export type SidSource = (prefix: SidPrefix) => string;

/** Random SIDs, as Twilio makes them. */
export function randomSidSource(): SidSource {
  // Random bytes for 256 SIDs at a time: one call to the system's source per SID was a tenth of the
  // time a bulk seed took.
  const pool = new Uint8Array(16 * 256);
  let used = pool.length;
  return (prefix) => {
    if (used === pool.length) {
      globalThis.crypto.getRandomValues(pool);
      used = 0;
    }
    used += 16;
    return sidOf(prefix, pool, used - 16);
  };
}

const hexPairs = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * The prefix and 16 bytes' hex digits, joined into one flat string: `prefix + digits` would be kept as a
 * pair of strings (V8's cons string) in every record holding the SID.
 */
function sidOf(prefix: string, bytes: Uint8Array, from: number): string {
  const parts = [prefix];
  for (let index = from; index < from + 16; index++) parts.push(hexPairs[bytes[index] ?? 0] ?? '');
  return parts.join('');
}

/**
 * 128 well-mixed bits from a string (four lanes of a murmur-style hash). Not cryptographic: it only
 * has to make seeded SIDs look random and never repeat, in Node and in browsers alike.
 */
function hash128(text: string): string {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((lane) => (lane >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Deterministic SIDs: the same seed gives the same sequence, and every SID still looks random.
 * `state()`/the `counter` option let a snapshot resume the sequence where it stopped.
 */
export function seededSidSource(seed: string, counter = 0): SidSource & { readonly counter: number } {
  let next = counter;
  const source = (prefix: SidPrefix) => {
    next += 1;
    return prefix + hash128(`${prefix}:${seed}:${next}`);
  };
  return Object.defineProperty(source, 'counter', { get: () => next }) as SidSource & {
    readonly counter: number;
  };
}
