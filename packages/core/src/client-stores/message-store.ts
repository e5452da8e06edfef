import type { EventSource } from './room-store.js';

/**
 * A message a data track delivered: its data, when it arrived (epoch ms), the track, and the
 * participant who sent it when the source says (a Room's `trackMessage` does; a track's `message` not).
 */
export interface DataTrackMessage<P = unknown> {
  data: string | ArrayBuffer;
  receivedAt: number;
  track?: unknown;
  participant?: P;
}

export interface MessageStore {
  getSnapshot(): readonly DataTrackMessage[];
  subscribe(listener: () => void): () => void;
}

const noMessages: readonly DataTrackMessage[] = [];
const stores = new WeakMap<object, Map<string, MessageStore>>();

/**
 * The last `limit` messages `source` delivered through `event` while someone listened: one store per
 * source, event and limit. A track's `message` and a room's `trackMessage` both give
 * (data, track[, participant]).
 */
export function messageStore(
  source: EventSource,
  event: string,
  limit: number,
  now: () => number = Date.now,
): MessageStore {
  const bySource = stores.get(source) ?? new Map<string, MessageStore>();
  stores.set(source, bySource);
  const key = `${event}:${limit}`;
  const known = bySource.get(key);
  if (known) return known;
  let messages = noMessages;
  const listeners = new Set<() => void>();
  const onMessage = (...args: unknown[]) => {
    const [data, track, participant] = args as [string | ArrayBuffer, unknown, unknown];
    const message: DataTrackMessage = { data, receivedAt: now(), track };
    if (participant !== undefined) message.participant = participant;
    messages = [...messages, message].slice(-limit);
    for (const listener of [...listeners]) listener();
  };
  const store: MessageStore = {
    getSnapshot: () => messages,
    subscribe(listener) {
      if (listeners.size === 0) source.on(event, onMessage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        if (source.off) source.off(event, onMessage);
        else source.removeListener?.(event, onMessage);
      };
    },
  };
  bySource.set(key, store);
  return store;
}
