import { type EventSource, type ParticipantLike, refreshSource } from '@roomlab/core';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useRoom } from './room-context.js';
import { toError } from './to-error.js';

/**
 * A message a data track delivered: its data, when it arrived (epoch ms), and (for `useRoomMessages`)
 * the track and participant it came from.
 */
export interface DataTrackMessage<P = ParticipantLike> {
  data: string | ArrayBuffer;
  receivedAt: number;
  track?: unknown;
  participant?: P;
}

interface MessageLog {
  getSnapshot(): readonly DataTrackMessage<unknown>[];
  subscribe(listener: () => void): () => void;
}

const empty: readonly never[] = [];
const logs = new WeakMap<object, Map<string, MessageLog>>();

/**
 * One log per source, event and limit, listening while someone reads it. A track's `message` and a
 * room's `trackMessage` both give (data, track[, participant]).
 */
function messageLog(source: EventSource, event: string, limit: number): MessageLog {
  const bySource = logs.get(source) ?? new Map<string, MessageLog>();
  logs.set(source, bySource);
  const key = `${event}:${limit}`;
  const known = bySource.get(key);
  if (known) return known;
  let messages: readonly DataTrackMessage<unknown>[] = empty;
  const listeners = new Set<() => void>();
  const onMessage = (...args: unknown[]) => {
    const [data, track, participant] = args as [string | ArrayBuffer, unknown, unknown];
    const message: DataTrackMessage<unknown> = { data, receivedAt: Date.now(), track };
    if (participant !== undefined) message.participant = participant;
    messages = [...messages, message].slice(-limit);
    for (const listener of [...listeners]) listener();
  };
  const log: MessageLog = {
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
  bySource.set(key, log);
  return log;
}

function useMessageLog(source: EventSource | null | undefined, event: string, limit: number) {
  const log = useMemo(() => (source ? messageLog(source, event, limit) : null), [source, event, limit]);
  const subscribe = useMemo(() => (log ? log.subscribe : () => () => {}), [log]);
  const read = log ? log.getSnapshot : () => empty;
  return useSyncExternalStore(subscribe, read, () => empty);
}

/** The last `limit` messages a (remote) data track delivered while someone read them. */
export function useDataTrackMessages(
  track: EventSource | null | undefined,
  limit = 100,
): readonly DataTrackMessage[] {
  return useMessageLog(track, 'message', limit) as readonly DataTrackMessage[];
}

/**
 * The last `limit` messages any remote participant's data track delivered in the room, oldest first,
 * each with its `participant`: a chat log in one hook (the room's `trackMessage` event).
 */
export function useRoomMessages<P extends ParticipantLike = ParticipantLike>(
  limit = 100,
): readonly DataTrackMessage<P>[] {
  return useMessageLog(useRoom(), 'trackMessage', limit) as readonly DataTrackMessage<P>[];
}

/** The parts of a twilio-video LocalParticipant and LocalDataTrack that sending uses. */
export interface DataPublishingParticipant {
  publishTrack(track: never): Promise<unknown>;
  unpublishTrack(track: never): unknown;
}
export interface LocalDataTrackSource {
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void;
}

export interface LocalDataTrackState {
  /** True once the track is published, so others receive what is sent. */
  ready: boolean;
  /** Sends to every subscriber; false (nothing sent) until the track is published. */
  send(data: string | ArrayBuffer): boolean;
  /** Why publishing failed, or null. */
  error: Error | null;
}

/**
 * Publishes a data track for as long as the component is mounted (made by `create`, e.g.
 * `() => new Video.LocalDataTrack({ name: 'chat' })`), and gives a `send` for it.
 */
export function useLocalDataTrack(
  participant: DataPublishingParticipant | null,
  create: () => LocalDataTrackSource,
): LocalDataTrackState {
  const [published, setPublished] = useState<LocalDataTrackSource | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `create` is usually an inline arrow; one track per participant.
  useEffect(() => {
    if (!participant) return;
    const track = create();
    let live = true;
    participant.publishTrack(track as never).then(
      () => {
        if (live) setPublished(track);
        else participant.unpublishTrack(track as never);
      },
      (failure: unknown) => live && setError(toError(failure)),
    );
    return () => {
      live = false;
      setPublished(null);
      participant.unpublishTrack(track as never);
      refreshSource(participant); // the SDK emits nothing for a local unpublish
    };
  }, [participant]);
  const send = useCallback(
    (data: string | ArrayBuffer) => {
      if (!published) return false;
      published.send(data);
      return true;
    },
    [published],
  );
  return { ready: published !== null, send, error };
}
