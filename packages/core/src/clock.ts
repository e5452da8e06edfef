/** Where the engine reads the time. Injected, so tests move time instead of sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Called whenever the time jumps (a manual clock advanced); a system clock never calls it. */
  onAdvance(listener: () => void): () => void;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms` (never backward) and lets timeouts fire. */
  advance(ms: number): void;
  /** Sets the time, which must not be earlier than now. */
  set(epochMs: number): void;
}

export function systemClock(): Clock {
  return { now: () => Date.now(), onAdvance: () => () => {} };
}

/**
 * Real time that a test or the control API can move forward: the system clock plus an offset that
 * only grows. Timeouts and token expiry follow the jump.
 */
export function adjustableClock(): ManualClock {
  let offset = 0;
  const listeners = new Set<() => void>();
  const now = () => Date.now() + offset;
  const set = (epochMs: number) => {
    if (!Number.isFinite(epochMs) || epochMs < now()) throw new RangeError('The clock only moves forward');
    offset += epochMs - now();
    for (const listener of [...listeners]) listener();
  };
  return {
    now,
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advance: (ms) => set(now() + ms),
    set,
  };
}

export function manualClock(start: number | Date = Date.UTC(2026, 0, 1)): ManualClock {
  let current = typeof start === 'number' ? start : start.getTime();
  const listeners = new Set<() => void>();
  const set = (epochMs: number) => {
    if (!Number.isFinite(epochMs) || epochMs < current) {
      throw new RangeError('A manual clock only moves forward');
    }
    current = epochMs;
    for (const listener of [...listeners]) listener();
  };
  return {
    now: () => current,
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advance: (ms) => set(current + ms),
    set,
  };
}

/** The last second formatted: a REST answer formats the same few seconds again and again. */
let lastDate = { second: Number.NaN, text: '' };

/** Twilio writes dates as ISO-8601 in UTC, to the second: `2015-07-30T20:00:00Z`. */
export function twilioDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastDate.second)
    lastDate = { second, text: new Date(second * 1000).toISOString().replace('.000Z', 'Z') };
  return lastDate.text;
}

/** Whole seconds between two instants, as Twilio counts a duration. */
export function durationSeconds(startMs: number, endMs: number): number {
  return Math.max(0, Math.floor(endMs / 1000) - Math.floor(startMs / 1000));
}

/** A date as Twilio's 2010 API writes it (RFC 2822): `Mon, 13 Jun 2016 22:50:08 +0000`. */
export function rfc2822Date(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toUTCString().replace('GMT', '+0000');
}
