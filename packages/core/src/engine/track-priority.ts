import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import type { TrackRef } from './engine-refs.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { requireTrack } from './lookup.js';
import type { PublishedTrackRecord, TrackPriority } from './records.js';

/**
 * A published track's priority, as its publisher sets it (`publishTrack(track, { priority })`, then
 * `LocalTrackPublication.setPriority`): its subscribers see it as `publishPriority`.
 */

export const trackPriorities: readonly TrackPriority[] = ['low', 'standard', 'high'];

/** The priority, when it is one Twilio knows; 53300 otherwise. */
export function checkPriority(priority: unknown): TrackPriority {
  if (!trackPriorities.includes(priority as TrackPriority))
    throw new TwilioError(53300, 'Track is invalid: priority must be low, standard or high');
  return priority as TrackPriority;
}

export function setTrackPriority(
  context: EngineContext,
  ref: TrackRef,
  priority: unknown,
): PublishedTrackRecord {
  const checked = checkPriority(priority);
  const { room, participant, track } = requireTrack(context, ref);
  if (track.priority === checked) return track;
  track.priority = checked;
  track.dateUpdated = context.clock.now();
  context.log.emit('track-priority-changed', room, {
    participant: participantSnapshot(participant),
    track: trackSnapshot(track),
  });
  return track;
}
