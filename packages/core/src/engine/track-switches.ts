import type { EngineContext } from './engine-context.js';
import type { ParticipantRef } from './engine-refs.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { findRoom } from './lookup.js';
import type { TrackSwitchReason } from './records.js';

/**
 * The media server switched a track off or on for one subscriber. SDK 2.36 is told no reason, so the
 * reason is kept here, in the event log, for tests and people to read (a roomlab extension).
 */
export interface TrackSwitch {
  trackSid: string;
  on: boolean;
  reason: TrackSwitchReason;
}

/** Logs a switch; quietly nothing when the subscriber, the room or the track is gone by now. */
export function recordTrackSwitch(
  context: EngineContext,
  subscriberRef: ParticipantRef,
  change: TrackSwitch,
) {
  const room = findRoom(context, subscriberRef);
  const subscriber = room?.participants.get(subscriberRef.participant);
  if (!room || !subscriber) return;
  for (const publisher of room.participants.values()) {
    const track = publisher.publishedTracks.get(change.trackSid);
    if (!track) continue;
    context.log.emit(change.on ? 'track-switched-on' : 'track-switched-off', room, {
      participant: participantSnapshot(publisher),
      track: trackSnapshot(track),
      subscriber: participantSnapshot(subscriber),
      switchReason: change.reason,
    });
    return;
  }
}
