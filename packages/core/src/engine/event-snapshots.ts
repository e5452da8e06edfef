import { durationSeconds } from '../clock.js';
import type { ParticipantSnapshot, RoomSnapshot, TrackSnapshot } from './events.js';
import type { ParticipantRecord, PublishedTrackRecord, RoomRecord } from './records.js';

/** Copies of records as an event carries them: taken when it happened, so history is never rewritten. */

export function roomSnapshot(room: RoomRecord): RoomSnapshot {
  return {
    sid: room.sid,
    accountSid: room.accountSid,
    uniqueName: room.uniqueName,
    status: room.status,
    type: room.type,
    durationSeconds: room.endTime === null ? null : durationSeconds(room.dateCreated, room.endTime),
    statusCallback: room.statusCallback,
    statusCallbackMethod: room.statusCallbackMethod,
  };
}

export function participantSnapshot(participant: ParticipantRecord): ParticipantSnapshot {
  return {
    sid: participant.sid,
    identity: participant.identity,
    status: participant.status,
    durationSeconds:
      participant.endTime === null ? null : durationSeconds(participant.startTime, participant.endTime),
  };
}

export function trackSnapshot(track: PublishedTrackRecord): TrackSnapshot {
  return {
    sid: track.sid,
    name: track.name,
    kind: track.kind,
    enabled: track.enabled,
    priority: track.priority,
  };
}
