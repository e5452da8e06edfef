import type { TwilioError } from '../errors.js';
import { dominantSpeakerLeft } from './dominant-speaker.js';
import type { EngineContext } from './engine-context.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { connectedParticipants } from './lookup.js';
import type { ParticipantRecord, RoomRecord } from './records.js';
import { subscribedTracksOf } from './subscribed-tracks.js';
import { unsubscribe } from './subscriptions.js';
import { armRoomTimeout, disarmParticipantTimeout } from './timeouts.js';
import { removeTrack } from './tracks.js';

/**
 * A connected participant leaves its room: its tracks are unpublished, its subscriptions end, and the
 * room starts its empty-room timeout when it was the last one in. `reason` says why it was removed
 * (REST, a duplicate identity, a timeout, the room's end); none when it left by its own wish.
 */
export function leaveRoom(
  context: EngineContext,
  room: RoomRecord,
  participant: ParticipantRecord,
  reason?: TwilioError,
): void {
  const departure = { departure: true } as const;
  const tracks = [...participant.publishedTracks.values()];
  for (const track of tracks) removeTrack(context, room, participant, track, departure);
  for (const { track } of subscribedTracksOf(room, participant))
    unsubscribe(context, room, participant, track, departure);
  participant.subscribedTracks.clear();
  const now = context.clock.now();
  participant.status = 'disconnected';
  participant.endTime = now;
  participant.leaveErrorCode = reason ? reason.code : null;
  participant.dateUpdated = now;
  disarmParticipantTimeout(context, participant);
  context.log.emit('participant-disconnected', room, {
    participant: participantSnapshot(participant),
    tracks: tracks.map(trackSnapshot),
    ...(reason ? { reason: { code: reason.code, message: reason.message } } : {}),
  });
  dominantSpeakerLeft(context, room, participant);
  if (room.status === 'in-progress' && connectedParticipants(room).length === 0) {
    room.emptySince = now;
    armRoomTimeout(context, room);
  }
}
