import { TwilioError } from '@roomlab/core';
import type { TcmpConnection } from '../tcmp-connection.js';
import { roomStateFor } from './handshake.js';
import { applyTracks, clientTracks } from './publications.js';
import type { Session } from './sessions.js';
import type { SignalingParts } from './signaling-parts.js';

/** Seconds a client may take to come back after its socket drops (the SDK's reconnect window), by default. */
export const sessionTimeoutSeconds = 30;

/**
 * A dropped socket does not end a session: the others see the participant `reconnecting`, and its
 * client has the session timeout to come back on a new socket with `sync` (answered `synced`). If it
 * does not, the session ends and the participant is disconnected with 53001.
 */
export interface Reconnect {
  /** The session's socket dropped (it is already detached): wait for the client to come back. */
  dropped(session: Session): void;
  /** A client's `sync` on `connection`: resumes the session it names. */
  sync(body: Record<string, unknown>, connection: TcmpConnection): void;
  /** The session has ended: stop waiting for it. */
  release(session: Session): void;
}

/** `end` ends a session whose client did not come back in time. */
export function reconnect(parts: SignalingParts, end: (session: Session) => void): Reconnect {
  const { engine, sessions, states } = parts;
  /** The session-lost timers, by session id. */
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();

  const timedOut = (session: Session) => {
    end(session);
    const room = engine.findRoom(session.ref);
    if (room?.participants.get(session.ref.participant)?.status !== 'connected') return;
    engine.disconnectParticipant(session.ref, new TwilioError(53001));
  };
  const release = (session: Session) => {
    clearTimeout(waiting.get(session.id));
    waiting.delete(session.id);
  };

  return {
    dropped(session) {
      states.broadcast(session);
      const timer = setTimeout(() => timedOut(session), parts.sessionTimeoutSeconds * 1000);
      timer.unref?.();
      waiting.set(session.id, timer);
    },
    sync(body, connection) {
      const session = typeof body.session === 'string' ? sessions.get(body.session) : undefined;
      const participant = session
        ? engine.getRoom(session.ref).participants.get(session.ref.participant)
        : undefined;
      if (!session || participant?.status !== 'connected')
        throw new TwilioError(53002, 'Signaling connection timed out: this session has ended');
      release(session);
      const previous = session.connection;
      sessions.attach(session, connection);
      if (previous && previous !== connection) previous.close(1000, 'Normal');
      const tracks = clientTracks((body.participant as { tracks?: unknown } | undefined)?.tracks ?? []);
      if (tracks) applyTracks(engine, session, tracks, parts.logger);
      connection.send(roomStateFor(parts, session, participant, 'synced'));
      parts.media.describe(session, body.peer_connections);
      // Back from a dropped socket: the others saw it `reconnecting`, and now see it connected again.
      if (!previous) states.broadcast(session);
    },
    release,
  };
}
