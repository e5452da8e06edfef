import type { ParticipantRef } from '@roomlab/core';
import type { TcmpConnection } from '../tcmp-connection.js';

/** What became of one of the client's tracks: the MT SID it was published under, or why it failed. */
export interface TrackOutcome {
  sid?: string;
  error?: { code: number; message: string };
}

/** One participant's signaling session: it outlives a dropped socket until the client syncs or times out. */
export interface Session {
  readonly id: string;
  /** The participant in the engine: its account, its room's SID and its own SID. */
  readonly ref: ParticipantRef;
  /** The socket the client speaks over now; undefined while it is away (dropped, maybe coming back). */
  connection: TcmpConnection | undefined;
  /** The client's tracks by the client's track id. */
  readonly tracks: Map<string, TrackOutcome>;
  clientRevision: number;
  publishedRevision: number;
  /** Set once the client has its `connected`: only then is it sent updates. */
  ready: boolean;
}

export interface Sessions {
  add(session: Session): void;
  get(id: string): Session | undefined;
  of(connection: TcmpConnection): Session | undefined;
  ofParticipant(participantSid: string): Session | undefined;
  inRoom(roomSid: string): Session[];
  all(): Session[];
  /** The client speaks over `connection` from now on (a new socket after a `sync`). */
  attach(session: Session, connection: TcmpConnection): void;
  /** The client's socket is gone; the session stays. */
  detach(session: Session): void;
  remove(session: Session): void;
  readonly size: number;
}

/**
 * The open sessions, by id, by the connection each client speaks over, by participant and by room:
 * every engine event asks who is in its room, so that is a look-up, not a scan of every session.
 */
export function sessionRegistry(): Sessions {
  const byId = new Map<string, Session>();
  const byConnection = new Map<TcmpConnection, Session>();
  const byParticipant = new Map<string, Session>();
  const byRoom = new Map<string, Set<Session>>();
  const detach = (session: Session) => {
    if (session.connection) byConnection.delete(session.connection);
    session.connection = undefined;
  };
  return {
    add(session) {
      byId.set(session.id, session);
      byParticipant.set(session.ref.participant, session);
      const room = byRoom.get(session.ref.room) ?? new Set();
      byRoom.set(session.ref.room, room.add(session));
      if (session.connection) byConnection.set(session.connection, session);
    },
    get: (id) => byId.get(id),
    of: (connection) => byConnection.get(connection),
    ofParticipant: (participantSid) => byParticipant.get(participantSid),
    // A copy: ending a session while going through its room removes it from the registry.
    inRoom: (roomSid) => [...(byRoom.get(roomSid) ?? [])],
    all: () => [...byId.values()],
    attach(session, connection) {
      detach(session);
      session.connection = connection;
      byConnection.set(connection, session);
    },
    detach,
    remove(session) {
      if (byId.get(session.id) !== session) return;
      if (session.connection) byConnection.delete(session.connection);
      byId.delete(session.id);
      byParticipant.delete(session.ref.participant);
      const room = byRoom.get(session.ref.room);
      room?.delete(session);
      if (room?.size === 0) byRoom.delete(session.ref.room);
    },
    get size() {
      return byId.size;
    },
  };
}
