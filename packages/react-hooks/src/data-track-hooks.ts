import { type DataTrackMessage, type EventSource, messageStore, type ParticipantLike } from '@roomlab/core';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type PublishingParticipant, unpublishLocalTrack } from './local-publishing.js';
import { useRoom } from './room-context.js';
import { toError } from './to-error.js';

export type { DataTrackMessage } from '@roomlab/core';

const empty: readonly never[] = [];

function useMessageLog(source: EventSource | null | undefined, event: string, limit: number) {
  const log = useMemo(() => (source ? messageStore(source, event, limit) : null), [source, event, limit]);
  const subscribe = useMemo(() => (log ? log.subscribe : () => () => {}), [log]);
  const read = log ? log.getSnapshot : () => empty;
  return useSyncExternalStore(subscribe, read, () => empty);
}

/** The last `limit` messages a (remote) data track delivered while someone read them. */
export function useDataTrackMessages(
  track: EventSource | null | undefined,
  limit = 100,
): readonly DataTrackMessage[] {
  return useMessageLog(track, 'message', limit);
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

/** The parts of a twilio-video LocalParticipant that sending uses. */
export type DataPublishingParticipant = PublishingParticipant;

/** The part of a twilio-video LocalDataTrack that sending uses. */
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
      unpublishLocalTrack(participant, track);
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
