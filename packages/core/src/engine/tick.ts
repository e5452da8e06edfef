import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import { leaveRoom } from './leave.js';
import { endRoom } from './rooms.js';
import { participantDeadline, roomDeadline } from './timeouts.js';

/**
 * The one place time changes state: fires every timeout that is due on the clock (unused and empty
 * rooms end; participants over MaxParticipantDuration are disconnected). The clock's advance and the
 * emulator's real-time scheduler call it; no read does.
 */
export function tick(context: EngineContext): void {
  const now = context.clock.now();
  for (let next = context.deadlines.peek(); next && next.at <= now; next = context.deadlines.peek()) {
    context.deadlines.pop();
    const { subject } = next;
    const room = context.accounts.get(subject.accountSid)?.rooms.get(subject.roomSid);
    if (room?.status !== 'in-progress') continue;
    if (subject.kind === 'room') {
      const due = roomDeadline(room);
      if (due === null) continue;
      if (due > now) context.deadlines.set(due, subject);
      else
        endRoom(context, room, {
          status: 'completed',
          endReason: 'timeout',
          reason: new TwilioError(53118, 'Room completed: the room timed out'),
        });
      continue;
    }
    const participant = room.participants.get(subject.participantSid);
    if (participant?.status !== 'connected') continue;
    const due = participantDeadline(room, participant);
    if (due > now) context.deadlines.set(due, subject);
    else
      leaveRoom(
        context,
        room,
        participant,
        new TwilioError(53216, 'Participant disconnected: MaxParticipantDuration reached'),
      );
  }
}
