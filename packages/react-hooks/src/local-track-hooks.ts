import type { EventSource } from '@roomlab/core';
import { useCallback } from 'react';
import { useSourceValue } from './use-source-value.js';

/** The parts of a twilio-video LocalParticipant these hooks use. */
export interface LocalParticipantSource<Publication extends LocalPublicationSource = LocalPublicationSource>
  extends EventSource {
  tracks: Map<string, Publication>;
}

export interface LocalPublicationSource {
  kind: string;
  track: LocalTrackSource;
}

export interface LocalTrackSource extends EventSource {
  kind: string;
  isEnabled: boolean;
  enable(): unknown;
  disable(): unknown;
}

const publicationEvents = ['trackPublished', 'trackUnpublished', 'trackEnabled', 'trackDisabled'] as const;
const tracksOfKind = (kind: string) => (participant: LocalParticipantSource) =>
  [...participant.tracks.values()]
    .filter((publication) => publication.kind === kind)
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
) {
  const tracks = useSourceValue(participant, publicationEvents, read, []);
  const enabled = useSourceValue(participant, publicationEvents, readEnabled, false);
  const toggle = useCallback(() => {
    for (const track of tracks) {
      if (enabled) track.disable();
      else track.enable();
    }
  }, [tracks, enabled]);
  return [enabled, toggle] as const;
}

/**
 * Whether the local microphone is on, and a toggle that mutes or unmutes every published audio track
 * (others see `trackDisabled`/`trackEnabled`).
 */
export function useLocalAudioToggle(
  participant: LocalParticipantSource | null,
): readonly [boolean, () => void] {
  return useLocalToggle(participant, audioTracks, audioEnabled);
}

/** Whether the local camera is on, and a toggle that disables or enables every published video track. */
export function useLocalVideoToggle(
  participant: LocalParticipantSource | null,
): readonly [boolean, () => void] {
  return useLocalToggle(participant, videoTracks, videoEnabled);
}
