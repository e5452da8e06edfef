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
}

const subscriptionEvents = ['subscribed', 'unsubscribed'] as const;
const readTrack = (publication: PublicationSource) => publication.track;
const enabledEvents = ['trackEnabled', 'trackDisabled', 'enabled', 'disabled'] as const;
const readEnabled = (source: PublicationSource & TrackSource) =>
  source.isTrackEnabled ?? source.isEnabled ?? false;
const switchEvents = ['switchedOff', 'switchedOn', 'trackSwitchedOff', 'trackSwitchedOn'] as const;
const readSwitchedOff = (source: TrackSource) => source.isSwitchedOff ?? false;
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

/** Whether a remote track is switched off (by the bandwidth profile). */
export function useIsTrackSwitchedOff(source: TrackSource | null): boolean {
  return useSourceValue(source, switchEvents, readSwitchedOff, false);
}

/** The publish priority of a publication (`low`, `standard`, `high`), or null. */
export function useTrackPriority(publication: PublicationSource | null): string | null {
  return useSourceValue(publication, priorityEvents, readPriority, null);
}
