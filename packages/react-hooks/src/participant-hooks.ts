import type { EventSource } from '@roomlab/core';
import { useSourceValue } from './use-source-value.js';

/** The parts of a twilio-video participant these hooks read. */
export interface ParticipantSource<Publication = unknown> extends EventSource {
  tracks: Map<string, Publication>;
  networkQualityLevel?: number | null;
  networkQualityStats?: unknown;
}

const publicationEvents = [
  'trackPublished',
  'trackUnpublished',
  'trackSubscribed',
  'trackUnsubscribed',
] as const;
const readPublications = (participant: ParticipantSource) => [...participant.tracks.values()];
const qualityEvents = ['networkQualityLevelChanged'] as const;
const readLevel = (participant: ParticipantSource) => participant.networkQualityLevel ?? null;
const readStats = (participant: ParticipantSource) => participant.networkQualityStats ?? null;

/** A participant's track publications (local or remote), current as tracks are published and unpublished. */
export function usePublications<Publication>(
  participant: ParticipantSource<Publication> | null,
): readonly Publication[] {
  return useSourceValue(participant, publicationEvents, readPublications, []) as readonly Publication[];
}

/** A participant's network quality level, 0 (none) to 5 (excellent), or null before the first report. */
export function useNetworkQualityLevel(participant: ParticipantSource | null): number | null {
  return useSourceValue(participant, qualityEvents, readLevel, null);
}

/** The detailed network quality stats behind the level, when the room was joined with `networkQuality`. */
export function useNetworkQualityStats<Stats = unknown>(participant: ParticipantSource | null): Stats | null {
  return useSourceValue(participant, qualityEvents, readStats, null) as Stats | null;
}

const readTracks = (participant: ParticipantSource) =>
  [...participant.tracks.values()]
    .map((publication) => (publication as { track?: unknown }).track ?? null)
    .filter((track) => track !== null);

/** A participant's tracks that are here now: published (local) or subscribed to (remote). */
export function useTracks<Track>(
  participant: ParticipantSource<{ track: Track | null }> | null,
): readonly Track[] {
  return useSourceValue(participant, publicationEvents, readTracks, []) as unknown as readonly Track[];
}
