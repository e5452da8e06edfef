import { type EventSource, eventStore, type ValueStore } from '@roomlab/core';
import { useMemo, useSyncExternalStore } from 'react';

const nothing: ValueStore<undefined> = { getSnapshot: () => undefined, subscribe: () => () => {} };

/**
 * A value read from an SDK object (participant, publication, track) and kept current by its events.
 * `read`, `events` and `equals` (same items, by default) should be stable (module-level), as they are
 * for every hook here.
 */
export function useSourceValue<S extends EventSource, T>(
  source: S | null | undefined,
  events: readonly string[],
  read: (source: S) => T,
  fallback: T,
  equals?: (a: T, b: T) => boolean,
): T {
  const store = useMemo(
    () => (source ? eventStore(source, events, read, equals) : nothing),
    [source, events, read, equals],
  );
  const value = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return source ? (value as T) : fallback;
}
