import type { EventSource } from '@roomlab/core';
import { useSourceValue } from './use-source-value.js';

/** The parts of a twilio-video track publication these hooks read. */
export interface PublicationSource<Track = unknown> extends EventSource {
  track: Track | null;
  isTrackEnabled?: boolean;
  publishPriority?: string;
  isSubscribed?: boolean;
}

/** The parts of a twilio-video track these hooks read. */
export interface TrackSource extends EventSource {
  isEnabled?: boolean;
  isSwitchedOff?: boolean;
  priority?: string | null;
  dimensions?: { width: number | null; height: number | null };
}

export interface Dimensions {
  width: number;
  height: number;
}

const subscriptionEvents = ['subscribed', 'unsubscribed'] as const;
const readTrack = (publication: PublicationSource) => publication.track;
const enabledEvents = ['trackEnabled', 'trackDisabled', 'enabled', 'disabled'] as const;
const readEnabled = (source: PublicationSource & TrackSource) =>
  source.isTrackEnabled ?? source.isEnabled ?? false;
const switchEvents = ['switchedOff', 'switchedOn', 'trackSwitchedOff', 'trackSwitchedOn'] as const;
// A publication has no `isSwitchedOff` of its own: its track has (and it re-emits the track's switches).
const readSwitchedOff = (source: TrackSource | PublicationSource<TrackSource>) =>
  ('isSwitchedOff' in source ? source.isSwitchedOff : undefined) ??
  ('track' in source ? source.track?.isSwitchedOff : undefined) ??
  false;
const readSubscribed = (publication: PublicationSource) =>
  publication.isSubscribed ?? publication.track !== null;
const dimensionEvents = ['dimensionsChanged', 'started'] as const;
const readDimensions = (track: TrackSource) =>
  track.dimensions?.width && track.dimensions.height
    ? { width: track.dimensions.width, height: track.dimensions.height }
    : null;
const sameDimensions = (a: Dimensions | null, b: Dimensions | null) =>
  a === b || (a !== null && b !== null && a.width === b.width && a.height === b.height);
const priorityEvents = ['publishPriorityChanged'] as const;
const readPriority = (publication: PublicationSource) => publication.publishPriority ?? null;

/** The track of a publication: null until subscribed (remote) and again after it is unsubscribed. */
export function useTrack<Track>(publication: PublicationSource<Track> | null): Track | null {
  return useSourceValue(publication, subscriptionEvents, readTrack, null) as Track | null;
}

/** Whether a publication's (or a track's) media is enabled, i.e. not muted by its publisher. */
export function useIsTrackEnabled(source: (PublicationSource & TrackSource) | null): boolean {
  return useSourceValue(source, enabledEvents, readEnabled, false);
}

/**
 * Whether a remote video track is switched off (by `switchOff()` or the bandwidth profile), given the
 * track or its publication.
 */
export function useIsTrackSwitchedOff(source: TrackSource | PublicationSource<TrackSource> | null): boolean {
  return useSourceValue(source, switchEvents, readSwitchedOff, false);
}

/**
 * The publish priority of a remote publication (`low`, `standard`, `high`), following its publisher's
 * `setPriority`; null for a local publication, whose SDK object has no `publishPriority` nor an event.
 */
export function useTrackPriority(publication: PublicationSource | null): string | null {
  return useSourceValue(publication, priorityEvents, readPriority, null);
}

/**
 * Whether this client receives a remote publication's track now (false until `subscribed`, and after
 * `unsubscribed`); a local publication always counts as subscribed.
 */
export function useIsTrackSubscribed(publication: PublicationSource | null): boolean {
  return useSourceValue(publication, subscriptionEvents, readSubscribed, false);
}

/** A video track's size in pixels as it plays, or null before its first frame. */
export function useTrackDimensions(track: TrackSource | null): Dimensions | null {
  return useSourceValue(track, dimensionEvents, readDimensions, null, sameDimensions);
}
