import type { EventSource } from '@roomlab/core';
import { useMemo, useSyncExternalStore } from 'react';

/** A message a data track delivered: its data, and when it arrived (epoch ms). */
export interface DataTrackMessage {
  data: string | ArrayBuffer;
  receivedAt: number;
}

interface MessageLog {
  getSnapshot(): readonly DataTrackMessage[];
  subscribe(listener: () => void): () => void;
}

const empty: readonly DataTrackMessage[] = [];
const logs = new WeakMap<object, Map<number, MessageLog>>();

/** One log per track (and limit), listening to its `message` event while someone reads it. */
function messageLog(track: EventSource, limit: number): MessageLog {
  const byLimit = logs.get(track) ?? new Map<number, MessageLog>();
  logs.set(track, byLimit);
  const known = byLimit.get(limit);
  if (known) return known;
  let messages = empty;
  const listeners = new Set<() => void>();
  const onMessage = (...args: unknown[]) => {
    const data = args[0] as string | ArrayBuffer;
    messages = [...messages, { data, receivedAt: Date.now() }].slice(-limit);
    for (const listener of [...listeners]) listener();
  };
  const log: MessageLog = {
    getSnapshot: () => messages,
    subscribe(listener) {
      if (listeners.size === 0) track.on('message', onMessage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        if (track.off) track.off('message', onMessage);
        else track.removeListener?.('message', onMessage);
      };
    },
  };
  byLimit.set(limit, log);
  return log;
}

/** The last `limit` messages a (remote) data track delivered while this component was mounted. */
export function useDataTrackMessages(
  track: EventSource | null | undefined,
  limit = 100,
): readonly DataTrackMessage[] {
  const log = useMemo(() => (track ? messageLog(track, limit) : null), [track, limit]);
  const subscribe = useMemo(() => (log ? log.subscribe : () => () => {}), [log]);
  const read = log ? log.getSnapshot : () => empty;
  return useSyncExternalStore(subscribe, read, () => empty);
}
