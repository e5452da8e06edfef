import type { EngineEvent } from '../engine/events.js';
import { isStatusCallbackEvent } from '../engine/events.js';

/**
 * The form parameters Twilio posts to a room's StatusCallback for one event, named as Twilio names them;
 * undefined for events no callback reports, or for rooms without a StatusCallback.
 */
export function statusCallbackParams(event: EngineEvent): Record<string, string> | undefined {
  if (!isStatusCallbackEvent(event.name) || event.room.statusCallback === null) return undefined;
  const params: Record<string, string> = {
    AccountSid: event.accountSid,
    RoomSid: event.room.sid,
    RoomName: event.room.uniqueName,
    RoomStatus: event.room.status,
    RoomType: event.room.type,
    StatusCallbackEvent: event.name,
    Timestamp: new Date(event.timestamp).toISOString(),
    SequenceNumber: String(event.roomSequenceNumber),
  };
  if (event.name === 'room-ended' && event.room.durationSeconds !== null) {
    params.RoomDuration = String(event.room.durationSeconds);
  }
  if (event.participant) {
    params.ParticipantSid = event.participant.sid;
    params.ParticipantIdentity = event.participant.identity;
    if (event.name.startsWith('participant-')) params.ParticipantStatus = event.participant.status;
    if (event.name === 'participant-disconnected' && event.participant.durationSeconds !== null) {
      params.ParticipantDuration = String(event.participant.durationSeconds);
    }
  }
  if (event.track) {
    params.TrackSid = event.track.sid;
    params.TrackKind = event.track.kind;
  }
  return params;
}
