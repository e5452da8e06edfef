import type { ParticipantRef, RoomRef } from './engine-refs.js';
import type { ParticipantRecord, RoomRecord } from './records.js';

/** The reference of a record the caller already holds, by SID (never by name or identity). */

export const roomRefOf = (room: RoomRecord): RoomRef => ({ accountSid: room.accountSid, room: room.sid });

export const participantRefOf = (participant: ParticipantRecord): ParticipantRef => ({
  accountSid: participant.accountSid,
  room: participant.roomSid,
  participant: participant.sid,
});
