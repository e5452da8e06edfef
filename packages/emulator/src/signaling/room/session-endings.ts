import type { EngineEvent } from '@roomlab/core';
import { disconnectedBody, errorBody } from './room-state-messages.js';
import type { Session } from './sessions.js';
import type { SignalingParts } from './signaling-parts.js';

/**
 * How sessions end: the client leaves (its `disconnect`, or `bye` on its socket), or the server ends
 * them and tells the client why: its participant was removed (REST, a duplicate identity, a timeout),
 * or its room ended. `end` releases what the session held.
 */
export interface SessionEndings {
  /** The client said goodbye: its participant leaves the room. */
  left(session: Session): void;
  /** A `participant-disconnected`: if that participant has a session, its client is told and let go. */
  participantDisconnected(event: EngineEvent): void;
  /** A `room-ended`: every session in the room is told `completed` and let go. */
  roomEnded(event: EngineEvent): void;
}

export function sessionEndings(parts: SignalingParts, end: (session: Session) => void): SessionEndings {
  const { engine, sessions } = parts;
  const sendLast = (session: Session, body: object) => {
    session.connection?.send(body);
    session.connection?.close(1000, 'Normal');
    end(session);
  };
  /** 53118 is the room completing; any other reason is an error the SDK shows; none is a plain goodbye. */
  const farewell = (session: Session, reason: EngineEvent['reason']) =>
    reason?.code === 53118
      ? disconnectedBody(session.id, 'completed')
      : reason
        ? errorBody(reason)
        : disconnectedBody(session.id);
  return {
    left(session) {
      end(session);
      engine.disconnectParticipant(session.ref);
    },
    participantDisconnected(event) {
      const own = event.participant && sessions.ofParticipant(event.participant.sid);
      if (own) sendLast(own, farewell(own, event.reason));
    },
    roomEnded(event) {
      for (const session of sessions.inRoom(event.room.sid))
        sendLast(session, disconnectedBody(session.id, 'completed'));
    },
  };
}
