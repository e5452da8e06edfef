import type { DeadlineSubject, EngineContext } from './engine-context.js';
import { connectedParticipants } from './lookup.js';
import type { ParticipantRecord, RoomRecord } from './records.js';

/**
 * When rooms and participants time out. Deadlines in the queue are hints: `tick` re-checks the real
 * deadline (`roomDeadline`, `participantDeadline`) when one comes due.
 */

/** When an in-progress room ends by itself: unused or empty too long; null while someone is in it. */
export function roomDeadline(room: RoomRecord): number | null {
  if (connectedParticipants(room).length > 0) return null;
  if (room.emptySince !== null) return room.emptySince + room.emptyRoomTimeout * 60_000;
  if (room.participants.size === 0) return room.dateCreated + room.unusedRoomTimeout * 60_000;
  return null;
}

/** When a participant is disconnected for having stayed MaxParticipantDuration. */
export function participantDeadline(room: RoomRecord, participant: ParticipantRecord): number {
  return participant.startTime + room.maxParticipantDuration * 1000;
}

/** A subject's key in the deadline queue: its SID (a room's and a participant's never collide). */
export const deadlineKey = (subject: DeadlineSubject): string =>
  subject.kind === 'room' ? subject.roomSid : subject.participantSid;

export function armRoomTimeout(context: EngineContext, room: RoomRecord): void {
  const due = roomDeadline(room);
  if (due !== null)
    context.deadlines.set(due, { kind: 'room', accountSid: room.accountSid, roomSid: room.sid });
}

/** A room that ended, or that someone joined, has nothing to time out for until armed again. */
export function disarmRoomTimeout(context: EngineContext, room: RoomRecord): void {
  context.deadlines.delete(room.sid);
}

/** A participant who left can no longer overstay. */
export function disarmParticipantTimeout(context: EngineContext, participant: ParticipantRecord): void {
  context.deadlines.delete(participant.sid);
}

export function armParticipantTimeout(
  context: EngineContext,
  room: RoomRecord,
  participant: ParticipantRecord,
): void {
  context.deadlines.set(participantDeadline(room, participant), {
    kind: 'participant',
    accountSid: room.accountSid,
    roomSid: room.sid,
    participantSid: participant.sid,
  });
}

/** Re-arms every timeout from the state (after a restore or a reset). */
export function rebuildDeadlines(context: EngineContext): void {
  context.deadlines.clear();
  for (const account of context.accounts.values()) {
    for (const room of account.rooms.values()) {
      if (room.status !== 'in-progress') continue;
      armRoomTimeout(context, room);
      for (const participant of connectedParticipants(room))
        armParticipantTimeout(context, room, participant);
    }
  }
}
