import type { EventSource } from '@roomlab/core';
import { useCallback, useState } from 'react';
import { type PublishingParticipant, unpublishLocalTrack } from './local-publishing.js';
import { screenShareTrackName } from './screen-share-hooks.js';
import { toError } from './to-error.js';
import { useSourceValue } from './use-source-value.js';

/** The parts of a twilio-video LocalParticipant these hooks use. */
export interface LocalParticipantSource<Publication extends LocalPublicationSource = LocalPublicationSource>
  extends EventSource,
    PublishingParticipant {
  tracks: Map<string, Publication>;
}

export interface LocalPublicationSource {
  kind: string;
  track: LocalTrackSource;
}

/** A local audio or video track (data tracks have no enabled state: they are left alone). */
export interface LocalTrackSource extends EventSource {
  kind: string;
  name?: string;
  isEnabled?: boolean;
  enable?(): unknown;
  disable?(): unknown;
  stop?(): unknown;
}

export interface LocalMediaToggle {
  /** Whether a published track of this kind is on. */
  enabled: boolean;
  /** True while a new track is being made and published. */
  pending: boolean;
  /** Why the last turn-on failed (e.g. `NotAllowedError` when the user refused the microphone), or null. */
  error: Error | null;
  /** Turns the microphone (or camera) off or on; never rejects, failures land in `error`. */
  toggle(): Promise<void>;
}

export interface LocalMediaToggleOptions {
  /**
   * Makes a new track when there is none to turn on, e.g. `() => Video.createLocalAudioTrack()`:
   * it is published, and stopped again if publishing fails.
   */
  create?: () => Promise<LocalTrackSource>;
  /**
   * Turning off unpublishes and stops the track (the camera's light goes out, others see
   * `trackUnpublished`), and turning on makes a new one with `create`, as Twilio's reference app does
   * for the camera. Otherwise turning off disables the track (others see `trackDisabled`).
   */
  releaseWhenOff?: boolean;
}

const publicationEvents = ['trackPublished', 'trackUnpublished', 'trackEnabled', 'trackDisabled'] as const;
// A shared screen is a video track too, but it is not the camera: the camera toggle leaves it alone.
const tracksOfKind = (kind: string) => (participant: LocalParticipantSource) =>
  [...participant.tracks.values()]
    .filter((publication) => publication.kind === kind && publication.track.name !== screenShareTrackName)
    .map((publication) => publication.track);
const anyEnabled =
  (read: (participant: LocalParticipantSource) => LocalTrackSource[]) =>
  (participant: LocalParticipantSource) =>
    read(participant).some((track) => track.isEnabled);
const audioTracks = tracksOfKind('audio');
const videoTracks = tracksOfKind('video');
const audioEnabled = anyEnabled(audioTracks);
const videoEnabled = anyEnabled(videoTracks);

function useLocalToggle(
  participant: LocalParticipantSource | null,
  read: (participant: LocalParticipantSource) => LocalTrackSource[],
  readEnabled: (participant: LocalParticipantSource) => boolean,
  { create, releaseWhenOff = false }: LocalMediaToggleOptions,
): LocalMediaToggle {
  const tracks = useSourceValue(participant, publicationEvents, read, []);
  const enabled = useSourceValue(participant, publicationEvents, readEnabled, false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const turnOn = useCallback(async () => {
    if (!participant) throw new Error('Not connected to a room');
    if (tracks.length > 0 && !releaseWhenOff) {
      for (const track of tracks) track.enable?.();
      return;
    }
    if (!create) throw new Error('There is no track to turn on, and no `create` to make one');
    setPending(true);
    let made: LocalTrackSource | null = null;
    try {
      made = await create();
      await participant.publishTrack(made as never);
    } catch (failure) {
      made?.stop?.();
      throw failure;
    } finally {
      setPending(false);
    }
  }, [participant, tracks, create, releaseWhenOff]);

  const turnOff = useCallback(() => {
    for (const track of tracks) {
      if (!releaseWhenOff) track.disable?.();
      else if (participant) {
        unpublishLocalTrack(participant, track);
        track.stop?.();
      }
    }
  }, [participant, tracks, releaseWhenOff]);

  const toggle = useCallback(async () => {
    if (pending) return;
    try {
      if (enabled) turnOff();
      else await turnOn();
      setError(null);
    } catch (failure) {
      setError(toError(failure));
    }
  }, [pending, enabled, turnOn, turnOff]);

  return { enabled, pending, error, toggle };
}

/**
 * The local microphone: whether it is on, and a toggle that mutes or unmutes every published audio
 * track (others see `trackDisabled`/`trackEnabled`), or with `create` makes and publishes one.
 */
export function useLocalAudioToggle(
  participant: LocalParticipantSource | null,
  options: LocalMediaToggleOptions = {},
): LocalMediaToggle {
  return useLocalToggle(participant, audioTracks, audioEnabled, options);
}

/** The local camera: like `useLocalAudioToggle`, for video tracks other than a shared screen. */
export function useLocalVideoToggle(
  participant: LocalParticipantSource | null,
  options: LocalMediaToggleOptions = {},
): LocalMediaToggle {
  return useLocalToggle(participant, videoTracks, videoEnabled, options);
}
