import type { EventSource } from './room-store.js';

/**
 * A store over any SDK object (a participant, a publication, a track): its value is `read(source)`,
 * re-read when one of `events` fires, and kept identical while it stays equal, so a
 * `useSyncExternalStore` reader renders only on real change. It listens only while someone does.
 */
export interface ValueStore<T> {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
}

/** Equal arrays with the same items in the same order count as unchanged. */
export function sameItems(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item, index) => Object.is(item, b[index]));
}

/** The stores listening to each source now, so a change the source announces with no event can be told. */
const listening = new WeakMap<object, Set<() => void>>();

/**
 * Re-reads every store of `source` now. For changes an SDK object makes without an event: a
 * LocalParticipant emits nothing when a track is unpublished, so whoever unpublishes says so here.
 */
export function refreshSource(source: object): void {
  for (const refresh of [...(listening.get(source) ?? [])]) refresh();
}

export function eventStore<S extends EventSource, T>(
  source: S,
  events: readonly string[],
  read: (source: S) => T,
  equals: (a: T, b: T) => boolean = sameItems,
): ValueStore<T> {
  const listeners = new Set<() => void>();
  let value = read(source);
  const refresh = () => {
    const next = read(source);
    if (equals(value, next)) return false;
    value = next;
    return true;
  };
  const onEvent = () => {
    if (!refresh()) return;
    for (const listener of [...listeners]) listener();
  };
  const registered = () => {
    const known = listening.get(source);
    if (known) return known;
    const fresh = new Set<() => void>();
    listening.set(source, fresh);
    return fresh;
  };
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      if (listeners.size === 0) {
        for (const event of events) source.on(event, onEvent);
        registered().add(onEvent);
        refresh();
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        registered().delete(onEvent);
        for (const event of events) {
          if (source.off) source.off(event, onEvent);
          else source.removeListener?.(event, onEvent);
        }
      };
    },
  };
}
