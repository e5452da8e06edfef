import type { NetworkConditions } from '@roomlab/core';

/**
 * One direction of a bad network path, as a network emulator (netem) models it: each datagram may be
 * lost (packetLossPercent), waits its turn on a link of bandwidthKbps whose queue holds at most
 * `maxQueueMs` of data (what does not fit is dropped, as a full router buffer drops it), then arrives
 * latencyMs ± jitterMs later (each datagram on its own, so jitter may reorder them, as it does on a
 * real network). Without conditions a datagram passes at once.
 */
export interface ImpairedLink {
  /** Carries a datagram of `bytes`: `deliver` runs when it arrives, or never if it is lost. */
  carry(bytes: number, deliver: () => void): void;
  /** Conditions from now on (null: none); datagrams already on their way arrive as planned. */
  set(conditions: NetworkConditions | null): void;
  readonly conditions: NetworkConditions | null;
  /** Datagrams on their way now. */
  readonly inFlight: number;
  /** Drops every datagram on its way and clears its timers. */
  close(): void;
}

export interface LinkOptions {
  /** A number in [0, 1): Math.random unless a test fixes it. */
  random?: () => number;
  /** Milliseconds now (Date.now unless a test fixes it). */
  now?: () => number;
  /** How much data, in ms at the link's rate, its queue holds before it drops (default 250). */
  maxQueueMs?: number;
}

export function impairedLink(options: LinkOptions = {}): ImpairedLink {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxQueueMs = options.maxQueueMs ?? 250;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let conditions: NetworkConditions | null = null;
  /** When the link has sent everything queued so far. */
  let busyUntil = 0;

  /** How long the datagram waits to be sent, or undefined when the queue is full. */
  const queueing = (bytes: number, at: number): number | undefined => {
    const kbps = conditions?.bandwidthKbps;
    if (kbps === undefined) return 0;
    const start = Math.max(at, busyUntil);
    if (start - at > maxQueueMs) return undefined;
    busyUntil = start + (bytes * 8) / kbps;
    return busyUntil - at;
  };
  const propagation = () => {
    const latency = conditions?.latencyMs ?? 0;
    const jitter = conditions?.jitterMs ?? 0;
    return Math.max(0, latency + (random() * 2 - 1) * jitter);
  };

  return {
    carry(bytes, deliver) {
      if (conditions === null) return deliver();
      if (random() * 100 < (conditions.packetLossPercent ?? 0)) return;
      const at = now();
      const waiting = queueing(bytes, at);
      if (waiting === undefined) return;
      const delay = waiting + propagation();
      if (delay <= 0) return deliver();
      const timer = setTimeout(() => {
        timers.delete(timer);
        deliver();
      }, delay);
      timers.add(timer);
    },
    set(next) {
      conditions = next === null ? null : { ...next };
    },
    get conditions() {
      return conditions;
    },
    get inFlight() {
      return timers.size;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      conditions = null;
    },
  };
}
