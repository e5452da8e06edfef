import {
  consoleLogger,
  type Engine,
  type EngineEvent,
  type EngineEventName,
  isTwilioError,
  type Logger,
  participantStateEvents,
  recordingCaptureEvents,
  speakerEvents,
  subscriptionEvents,
  TwilioError,
} from '@roomlab/core';
import type { Sfu } from './media/sfu.js';
import { clientUpdate } from './room/client-update.js';
import { dominantSpeaker } from './room/dominant-speaker.js';
import { handshake } from './room/handshake.js';
import { mediaHandOff } from './room/media-hand-off.js';
import { networkConditionsRelay } from './room/network-conditions.js';
import { participantStates } from './room/participant-states.js';
import { reconnect, sessionTimeoutSeconds } from './room/reconnect.js';
import { roomRecordingStates } from './room/recording-state.js';
import { errorBody } from './room/room-state-messages.js';
import { sessionEndings } from './room/session-endings.js';
import { type Session, sessionRegistry } from './room/sessions.js';
import type { SignalingParts } from './room/signaling-parts.js';
import { subscriptions } from './room/subscriptions.js';
import { transcriptDelivery } from './room/transcripts.js';
import type { TcmpConnection } from './tcmp-connection.js';

/**
 * The room-signaling protocol (the SDK's `signaling/v2`): `connect` answered by `connected`, client
 * `update`s of its own tracks answered by `published`, server `update`s of everyone else's state,
 * `sync`/`synced` to resume after a dropped socket, and `disconnect`/`disconnected`/`error`. Every change
 * goes through the engine; what clients are told follows from the engine's events. This file routes
 * messages and events to the modules that handle them.
 */

export { sessionTimeoutSeconds };

export interface RoomSignaling {
  /** Handles a room-signaling body from a connection. */
  receive(body: Record<string, unknown>, connection: TcmpConnection): void;
  /** A connection closed; `byClient` when the client said goodbye. */
  closed(connection: TcmpConnection, byClient: boolean): void;
  /**
   * Drops the signaling sockets of one participant (or everyone) the way a network failure would, so
   * a test sees the SDK reconnect. Returns how many were dropped.
   */
  drop(participantSid?: string): number;
  close(): void;
}

/** What signaling keeps now, for tests that check nothing outlives a participant or a room. */
export interface SignalingHeld {
  sessions: number;
  /** Participants with a state revision on record. */
  participants: number;
  /** Rooms whose audio is listened to for their dominant speaker. */
  rooms: number;
  /** Rooms with a recording state on record. */
  recordingRooms: number;
}

export interface RoomSignalingOptions {
  sfu?: Sfu;
  /** The reconnect window given to clients, in seconds (default 30, as Twilio). */
  sessionTimeoutSeconds?: number;
  /** Where failures go that are not the client's doing (default: the console). */
  logger?: Logger;
}

/** Engine events, by the names that concern a handler. */
interface Route {
  events: readonly EngineEventName[];
  handle(event: EngineEvent): void;
}

const dispatch = (routes: Route[], event: EngineEvent) => {
  for (const route of routes) if (route.events.includes(event.name)) route.handle(event);
};

export function roomSignaling(
  engine: Engine,
  newSessionId: () => string,
  options: RoomSignalingOptions = {},
): RoomSignaling & { held(): SignalingHeld } {
  const { sfu } = options;
  const logger = options.logger ?? consoleLogger;
  const sessions = sessionRegistry();
  const speaker = dominantSpeaker({ engine, sfu, logger });
  const parts: SignalingParts = {
    engine,
    logger,
    sessions,
    states: participantStates(engine, sessions),
    media: mediaHandOff(engine, sfu, logger, speaker.mediaArrived),
    subscriptions: subscriptions(engine, sfu, sessions),
    recordingStates: roomRecordingStates(engine, sessions),
    sessionTimeoutSeconds: options.sessionTimeoutSeconds ?? sessionTimeoutSeconds,
  };
  const resumes = reconnect(parts, end);
  const endings = sessionEndings(parts, end);
  const connect = handshake(parts, newSessionId);

  /** Releases all a session holds: its reconnect wait, its media, its place in the registry. */
  function end(session: Session) {
    resumes.release(session);
    parts.media.leave(session);
    sessions.remove(session);
  }

  /** What the clients in a room are told, in this order; only rooms with sessions have anyone to tell. */
  const tellClients: Route[] = [
    { events: ['room-ended'], handle: endings.roomEnded },
    { events: subscriptionEvents, handle: parts.subscriptions.changed },
    { events: speakerEvents, handle: speaker.tell },
    { events: ['participant-disconnected'], handle: endings.participantDisconnected },
    { events: participantStateEvents, handle: parts.states.changed },
    // A publish priority decides which tracks are switched off first.
    { events: ['track-priority-changed'], handle: (event) => sfu?.reallocate(event.room.sid) },
    { events: recordingCaptureEvents, handle: parts.recordingStates.changed },
    { events: ['speech-transcribed'], handle: transcriptDelivery(sfu) },
    { events: ['network-conditions-changed'], handle: networkConditionsRelay(sfu, sessions) },
  ];
  /** The media server stops listening to audio that goes, whoever is connected. */
  const listen: Route[] = [{ events: speaker.listensTo, handle: speaker.listen }];
  /** What signaling kept about a participant or a room goes when they do, whoever is still connected. */
  const forget: Route[] = [
    { events: ['participant-disconnected'], handle: parts.states.left },
    { events: ['room-ended'], handle: (event) => speaker.roomEnded(event.room.sid) },
    { events: ['room-ended'], handle: (event) => parts.recordingStates.roomEnded(event.room.sid) },
  ];
  const unsubscribe = engine.subscribe((event) => {
    try {
      if (sessions.inRoom(event.room.sid).length > 0) dispatch(tellClients, event);
      dispatch(listen, event);
      dispatch(forget, event);
    } catch (error) {
      logger.error(`signaling failed to handle ${event.name} in room ${event.room.sid}`, error);
    }
  });

  const handle = async (body: Record<string, unknown>, connection: TcmpConnection, session?: Session) => {
    switch (body.type) {
      case 'connect':
        if (session)
          throw new TwilioError(53004, 'Client sent an invalid signaling message: already connected');
        return connect(body, connection);
      case 'sync':
        return resumes.sync(body, connection);
      case 'update':
        if (session) clientUpdate(parts, session, body);
        return;
      case 'disconnect':
        if (session) endings.left(session);
        return;
      case 'ice':
        // No ICE servers to hand out: roomlab's media is on loopback.
        connection.send({ type: 'iced', ice_servers: [] });
        return;
      default:
        return;
    }
  };

  /**
   * Answers a message that failed with Twilio's error for it, or 53000 (logged: that is roomlab's
   * failure, not the client's). A client not yet connected cannot go on, so its socket is closed.
   */
  const answer = (connection: TcmpConnection, error: unknown, connected: boolean) => {
    if (!isTwilioError(error)) logger.error('signaling failed', error);
    connection.send(errorBody(isTwilioError(error) ? error : new TwilioError(53000)));
    if (!connected) connection.close(1000, 'Normal');
  };

  return {
    receive(body, connection) {
      const session = sessions.of(connection);
      handle(body, connection, session).catch((error: unknown) =>
        answer(connection, error, session !== undefined),
      );
    },
    closed(connection, byClient) {
      const session = sessions.of(connection);
      if (!session) return;
      sessions.detach(session);
      // A goodbye without a disconnect still means the participant has left.
      if (byClient) endings.left(session);
      else resumes.dropped(session);
    },
    drop(participantSid) {
      const dropping = sessions
        .all()
        .filter((session) => participantSid === undefined || session.ref.participant === participantSid)
        .flatMap((session) => session.connection ?? []);
      for (const connection of dropping) connection.close(4000, 'Dropped by roomlab');
      return dropping.length;
    },
    close() {
      unsubscribe();
      speaker.close();
      sfu?.close();
      for (const session of sessions.all()) {
        resumes.release(session);
        sessions.remove(session);
      }
    },
    held: () => ({
      sessions: sessions.size,
      participants: parts.states.participants,
      rooms: speaker.rooms,
      recordingRooms: parts.recordingStates.rooms,
    }),
  };
}
