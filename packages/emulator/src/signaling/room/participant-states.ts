import type { Engine, EngineEvent, ParticipantRecord, ParticipantRef, TrackSnapshot } from '@roomlab/core';
import { type ParticipantState, participantState, updateJson } from './room-state-messages.js';
import type { Session, Sessions } from './sessions.js';

/**
 * What each client is told of the others in its room: every participant's state under a revision that
 * grows with each change (the SDK ignores a state older than one it has), sent to everyone else as an
 * `update`. A participant whose session has lost its socket is shown `reconnecting`.
 */
export interface ParticipantStates {
  /** Everyone connected to the room but the session's own participant, for its `connected` or `synced`. */
  othersOf(session: Session): ParticipantState[];
  /** A participant came, left, or changed its tracks: everyone else in its room is sent its new state. */
  changed(event: EngineEvent): void;
  /** Sends everyone else in the room this session's participant's state (its socket dropped or came back). */
  broadcast(session: Session): void;
  /** A `participant-disconnected`: its last state has been sent, so its revision is no longer needed. */
  left(event: EngineEvent): void;
  /** How many participants have a revision on record. */
  readonly participants: number;
}

/** Everyone connected to the participant's room but the participant itself. */
export function connectedOthers(engine: Engine, ref: ParticipantRef): ParticipantRecord[] {
  return [...(engine.findRoom(ref)?.participants.values() ?? [])].filter(
    (other) => other.status === 'connected' && other.sid !== ref.participant,
  );
}

export function participantStates(engine: Engine, sessions: Sessions): ParticipantStates {
  const revisions = new Map<string, number>();
  const bump = (participantSid: string) => {
    const next = (revisions.get(participantSid) ?? 0) + 1;
    revisions.set(participantSid, next);
    return next;
  };
  const away = (participantSid: string) => {
    const session = sessions.ofParticipant(participantSid);
    return session !== undefined && session.connection === undefined;
  };
  const stateOf = (participant: ParticipantRecord, revision: number, tracks?: readonly TrackSnapshot[]) =>
    participantState(participant, revision, away(participant.sid), tracks);
  const broadcast = (ref: ParticipantRef, tracks?: readonly TrackSnapshot[]) => {
    const participant = engine.findRoom(ref)?.participants.get(ref.participant);
    if (!participant) return;
    const update = updateJson({ participants: [stateOf(participant, bump(participant.sid), tracks)] });
    for (const session of sessions.inRoom(participant.roomSid)) {
      if (session.ref.participant === participant.sid || !session.ready) continue;
      session.connection?.sendJson(update(session.id));
    }
  };
  return {
    othersOf(session) {
      return connectedOthers(engine, session.ref).map((other) =>
        stateOf(other, revisions.get(other.sid) ?? bump(other.sid)),
      );
    },
    changed(event) {
      // A departure is told once, by the participant-disconnected that ends it, with the tracks it had.
      if (event.participant && !event.departure)
        broadcast(
          { accountSid: event.accountSid, room: event.room.sid, participant: event.participant.sid },
          event.tracks,
        );
    },
    broadcast: (session) => broadcast(session.ref),
    left(event) {
      if (event.participant) revisions.delete(event.participant.sid);
    },
    get participants() {
      return revisions.size;
    },
  };
}
