import {
  type Engine,
  type EngineEvent,
  isTwilioError,
  type ParticipantRecord,
  type PublishedTrackRecord,
  type RoomRecord,
  TwilioError,
  verifyAccessToken,
} from '@roomlab/core';
import type { Sfu } from './media/sfu.js';
import type { TcmpConnection } from './tcmp-connection.js';

/**
 * The room-signaling protocol (the SDK's `signaling/v2`): `connect` answered by `connected`, client
 * `update`s of its own tracks answered by `published`, server `update`s of everyone else's state,
 * `sync`/`synced` to resume after a dropped socket, and `disconnect`/`disconnected`/`error`. Every change
 * goes through the engine; what clients are told follows from the engine's events.
 */

/** Seconds a client may take to come back after its socket drops (the SDK's reconnect window), by default. */
export const sessionTimeoutSeconds = 30;

interface ClientTrack {
  id: string;
  kind: 'audio' | 'video' | 'data';
  name: string;
  enabled: boolean;
  priority: string;
}

interface Session {
  id: string;
  accountSid: string;
  roomSid: string;
  participantSid: string;
  connection: TcmpConnection | undefined;
  /** The client's track ids and the MT SIDs they were published under (or why they failed). */
  tracks: Map<string, { sid?: string; error?: { code: number; message: string } }>;
  clientRevision: number;
  publishedRevision: number;
  ready: boolean;
  lost?: ReturnType<typeof setTimeout>;
}

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

function clientTracks(value: unknown): ClientTrack[] | undefined {
  if (!Array.isArray(value) || value.length > 200) return undefined;
  const tracks: ClientTrack[] = [];
  for (const raw of value) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const track = raw as Record<string, unknown>;
    if (typeof track.id !== 'string' || track.id.length === 0 || track.id.length > 256) return undefined;
    if (track.kind !== 'audio' && track.kind !== 'video' && track.kind !== 'data') return undefined;
    tracks.push({
      id: track.id,
      kind: track.kind,
      name: typeof track.name === 'string' ? track.name : track.id,
      enabled: track.enabled !== false,
      priority: typeof track.priority === 'string' ? track.priority : 'standard',
    });
  }
  return tracks;
}

export interface RoomSignalingOptions {
  sfu?: Sfu;
  /** The reconnect window given to clients, in seconds (default 30, as Twilio). */
  sessionTimeoutSeconds?: number;
}

export function roomSignaling(
  engine: Engine,
  newSessionId: () => string,
  options: RoomSignalingOptions = {},
): RoomSignaling {
  const { sfu } = options;
  const sessionTimeout = options.sessionTimeoutSeconds ?? sessionTimeoutSeconds;
  /** Participants whose socket dropped and who may still come back: others see them `reconnecting`. */
  const reconnecting = new Set<string>();
  const sessions = new Map<string, Session>();
  const byConnection = new Map<TcmpConnection, Session>();
  /** Every participant's state revision as the SDK sees it: bumped on every change. */
  const revisions = new Map<string, number>();
  const bump = (participantSid: string) => {
    const next = (revisions.get(participantSid) ?? 0) + 1;
    revisions.set(participantSid, next);
    return next;
  };

  /** Hands the client's peer-connection descriptions to the media server. */
  const describePeerConnections = (session: Session, value: unknown) => {
    if (!sfu || !Array.isArray(value)) return;
    for (const entry of value.slice(0, 8)) {
      const { id, description } = (entry ?? {}) as {
        id?: unknown;
        description?: { type?: unknown; revision?: unknown; sdp?: unknown };
      };
      if (
        typeof id !== 'string' ||
        typeof description?.type !== 'string' ||
        typeof description.revision !== 'number'
      )
        continue;
      sfu.describe(session.id, id, {
        type: description.type,
        revision: description.revision,
        sdp: typeof description.sdp === 'string' ? description.sdp : undefined,
      });
    }
  };

  /** Tells the media server which tracks the engine has this participant subscribed to. */
  const syncSubscriptions = (session: Session) => {
    const participant = engine
      .findRoom({ accountSid: session.accountSid, room: session.roomSid })
      ?.participants.get(session.participantSid);
    if (sfu && participant) sfu.subscribe(session.id, participant.subscribedTracks.keys());
  };

  const participantState = (participant: ParticipantRecord, revision: number) => ({
    sid: participant.sid,
    identity: participant.identity,
    revision,
    state:
      participant.status !== 'connected'
        ? 'disconnected'
        : reconnecting.has(participant.sid)
          ? 'reconnecting'
          : 'connected',
    tracks: [...participant.publishedTracks.values()].map((track: PublishedTrackRecord) => ({
      sid: track.sid,
      name: track.name,
      kind: track.kind,
      enabled: track.enabled,
      priority: 'standard',
    })),
  });

  const publishedState = (session: Session) => ({
    revision: ++session.publishedRevision,
    tracks: [...session.tracks].map(([id, outcome]) =>
      outcome.sid ? { id, sid: outcome.sid, state: 'ready' } : { id, state: 'failed', error: outcome.error },
    ),
  });

  const roomState = (
    session: Session,
    room: RoomRecord,
    participant: ParticipantRecord,
    type: 'connected' | 'synced',
  ) => ({
    type,
    version: 2,
    session: session.id,
    sid: room.sid,
    name: room.uniqueName,
    options: {
      session_timeout: sessionTimeout,
      signaling_region: 'roomlab',
      media_region: room.mediaRegion,
    },
    participant: {
      sid: participant.sid,
      identity: participant.identity,
      revision: session.clientRevision,
      state: 'connected',
      tracks: [],
    },
    participants: [...room.participants.values()]
      .filter((other) => other.status === 'connected' && other.sid !== participant.sid)
      .map((other) => participantState(other, revisions.get(other.sid) ?? bump(other.sid))),
    peer_connections: [],
    published: publishedState(session),
    subscribed: { revision: 1, tracks: [] },
    recording: { revision: 1, is_recording: false },
    media_signaling: {},
  });

  const fail = (connection: TcmpConnection, error: unknown) => {
    const twilioError = isTwilioError(error) ? error : new TwilioError(53000);
    if (!isTwilioError(error)) console.error('roomlab: signaling failed', error);
    connection.send({ type: 'error', code: twilioError.code, message: twilioError.message });
    connection.close(1000, 'Normal');
  };

  /** Brings the engine's view of a participant's tracks in line with what its client says it publishes. */
  const applyTracks = (session: Session, tracks: ClientTrack[]) => {
    const wanted = new Map(tracks.map((track) => [track.id, track]));
    for (const [id, outcome] of [...session.tracks]) {
      if (wanted.has(id)) continue;
      if (outcome.sid)
        engine.unpublishTrack({
          accountSid: session.accountSid,
          room: session.roomSid,
          participant: session.participantSid,
          track: outcome.sid,
        });
      session.tracks.delete(id);
    }
    for (const track of tracks) {
      const outcome = session.tracks.get(track.id);
      if (!outcome) {
        try {
          const published = engine.publishTrack(
            { accountSid: session.accountSid, room: session.roomSid, participant: session.participantSid },
            track,
          );
          session.tracks.set(track.id, { sid: published.sid });
        } catch (error) {
          const failure = isTwilioError(error) ? error : new TwilioError(53300);
          session.tracks.set(track.id, { error: { code: failure.code, message: failure.message } });
        }
      } else if (outcome.sid) {
        engine.setTrackEnabled(
          {
            accountSid: session.accountSid,
            room: session.roomSid,
            participant: session.participantSid,
            track: outcome.sid,
          },
          track.enabled,
        );
      }
    }
  };

  async function connect(body: Record<string, unknown>, connection: TcmpConnection) {
    const name = typeof body.name === 'string' ? body.name : undefined;
    const participant = body.participant as { revision?: unknown; tracks?: unknown } | undefined;
    const tracks = clientTracks(participant?.tracks ?? []);
    if (typeof body.token !== 'string' || !tracks)
      throw new TwilioError(
        53004,
        'Client sent an invalid signaling message: connect needs a token and a participant',
      );
    const grant = await verifyAccessToken(body.token, {
      now: engine.clock.now(),
      lookupApiKey: engine.lookupApiKey,
      room: name,
    });
    if (!connection.open) return;
    // Twilio's ad-hoc rooms: connecting to a name with no in-progress room creates one.
    const roomName = name ?? grant.room;
    const joined =
      roomName === undefined
        ? engine.connectParticipant(
            { accountSid: grant.accountSid, room: engine.createRoom({ accountSid: grant.accountSid }).sid },
            {
              identity: grant.identity,
            },
          )
        : engine.connectParticipant(
            { accountSid: grant.accountSid, room: roomName },
            { identity: grant.identity, createRoom: {} },
          );
    const session: Session = {
      id: newSessionId(),
      accountSid: grant.accountSid,
      roomSid: joined.roomSid,
      participantSid: joined.sid,
      connection,
      tracks: new Map(),
      clientRevision: typeof participant?.revision === 'number' ? participant.revision : 1,
      publishedRevision: 0,
      ready: false,
    };
    sessions.set(session.id, session);
    byConnection.set(connection, session);
    applyTracks(session, tracks);
    const room = engine.getRoom({ accountSid: session.accountSid, room: session.roomSid });
    connection.send(roomState(session, room, joined, 'connected'));
    session.ready = true;
    const requested =
      typeof body.media_signaling === 'object' && body.media_signaling !== null ? body.media_signaling : {};
    sfu?.join(session.id, {
      send: (message) => session.connection?.send({ ...message, session: session.id }),
      trackSidOf: (clientTrackId) => session.tracks.get(clientTrackId)?.sid,
      roomSid: session.roomSid,
      others: () =>
        [
          ...(engine
            .findRoom({ accountSid: session.accountSid, room: session.roomSid })
            ?.participants.values() ?? []),
        ]
          .filter((other) => other.status === 'connected' && other.sid !== session.participantSid)
          .map((other) => other.sid),
      features: new Set(Object.keys(requested)),
    });
    describePeerConnections(session, body.peer_connections);
    syncSubscriptions(session);
  }

  function sync(body: Record<string, unknown>, connection: TcmpConnection) {
    const session = typeof body.session === 'string' ? sessions.get(body.session) : undefined;
    const participant = session
      ? engine
          .getRoom({ accountSid: session.accountSid, room: session.roomSid })
          .participants.get(session.participantSid)
      : undefined;
    if (!session || participant?.status !== 'connected')
      throw new TwilioError(53002, 'Signaling connection timed out: this session has ended');
    if (session.lost) clearTimeout(session.lost);
    session.lost = undefined;
    if (session.connection && session.connection !== connection) {
      byConnection.delete(session.connection);
      session.connection.close(1000, 'Normal');
    }
    session.connection = connection;
    byConnection.set(connection, session);
    const tracks = clientTracks((body.participant as { tracks?: unknown } | undefined)?.tracks ?? []);
    if (tracks) applyTracks(session, tracks);
    const room = engine.getRoom({ accountSid: session.accountSid, room: session.roomSid });
    connection.send(roomState(session, room, participant, 'synced'));
    describePeerConnections(session, body.peer_connections);
    if (reconnecting.delete(session.participantSid))
      broadcast(session.roomSid, session.accountSid, session.participantSid);
  }

  function update(session: Session, body: Record<string, unknown>) {
    describePeerConnections(session, body.peer_connections);
    const participant = body.participant as { revision?: unknown; tracks?: unknown } | undefined;
    if (
      !participant ||
      typeof participant.revision !== 'number' ||
      participant.revision <= session.clientRevision
    )
      return;
    const tracks = clientTracks(participant.tracks);
    if (!tracks)
      throw new TwilioError(53004, 'Client sent an invalid signaling message: bad participant tracks');
    session.clientRevision = participant.revision;
    applyTracks(session, tracks);
    session.connection?.send({
      type: 'update',
      version: 2,
      session: session.id,
      published: publishedState(session),
    });
  }

  /**
   * Who is speaking, without listening to audio: the participant who most recently started sending
   * enabled audio, until it stops or leaves; then anyone else with enabled audio; else nobody.
   */
  const speakers = new Map<string, string | null>();
  const dominantSpeaker = (event: EngineEvent): string | null => {
    const current = speakers.get(event.room.sid) ?? null;
    const room = engine.findRoom({ accountSid: event.accountSid, room: event.room.sid });
    const speaking = (sid: string | null) =>
      sid !== null &&
      room?.participants.get(sid)?.status === 'connected' &&
      [...(room.participants.get(sid)?.publishedTracks.values() ?? [])].some(
        (track) => track.kind === 'audio' && track.enabled,
      );
    let next = current;
    if ((event.name === 'track-added' || event.name === 'track-enabled') && event.track?.kind === 'audio') {
      next = event.participant?.sid ?? current;
    }
    if (!speaking(next)) {
      next = [...(room?.participants.keys() ?? [])].find((sid) => speaking(sid)) ?? null;
    }
    speakers.set(event.room.sid, next);
    return next;
  };

  /** Sends everyone else in the room a participant's current state, under a new revision. */
  const broadcast = (roomSid: string, accountSid: string, participantSid: string) => {
    const participant = engine.findRoom({ accountSid, room: roomSid })?.participants.get(participantSid);
    if (!participant) return;
    const state = participantState(participant, bump(participantSid));
    for (const session of sessions.values()) {
      if (session.roomSid !== roomSid || session.participantSid === participantSid || !session.ready)
        continue;
      session.connection?.send({ type: 'update', version: 2, session: session.id, participants: [state] });
    }
  };

  const end = (session: Session) => {
    reconnecting.delete(session.participantSid);
    sfu?.leave(session.id);
    if (session.lost) clearTimeout(session.lost);
    sessions.delete(session.id);
    if (session.connection) byConnection.delete(session.connection);
  };

  /** Tells each client in the room what changed, from the engine's events. */
  const unsubscribe = engine.subscribe((event: EngineEvent) => {
    const inRoom = [...sessions.values()].filter((session) => session.roomSid === event.room.sid);
    if (inRoom.length === 0) return;
    if (event.name === 'room-ended') {
      for (const session of inRoom) {
        session.connection?.send({
          type: 'disconnected',
          version: 2,
          session: session.id,
          status: 'completed',
        });
        session.connection?.close(1000, 'Normal');
        end(session);
      }
      return;
    }
    if (event.name === 'track-subscribed' || event.name === 'track-unsubscribed') {
      const subscriber = inRoom.find((session) => session.participantSid === event.participant?.sid);
      if (subscriber) syncSubscriptions(subscriber);
      return;
    }
    if (
      sfu &&
      event.participant &&
      [
        'track-added',
        'track-enabled',
        'track-removed',
        'track-disabled',
        'participant-disconnected',
      ].includes(event.name)
    ) {
      sfu.dominantSpeaker(event.room.sid, dominantSpeaker(event));
    }
    const about = event.participant;
    if (
      !about ||
      ![
        'participant-connected',
        'participant-disconnected',
        'track-added',
        'track-removed',
        'track-enabled',
        'track-disabled',
      ].includes(event.name)
    )
      return;
    const room = engine.findRoom({ accountSid: event.accountSid, room: event.room.sid });
    const participant = room?.participants.get(about.sid);
    if (!participant) return;
    if (event.name === 'participant-disconnected') {
      const own = inRoom.find((session) => session.participantSid === about.sid);
      if (own) {
        // Removed by the server (REST, a duplicate identity, a timeout): tell that client why.
        if (event.reason?.code === 53118) {
          own.connection?.send({ type: 'disconnected', version: 2, session: own.id, status: 'completed' });
        } else if (event.reason) {
          own.connection?.send({ type: 'error', code: event.reason.code, message: event.reason.message });
        } else {
          own.connection?.send({ type: 'disconnected', version: 2, session: own.id });
        }
        own.connection?.close(1000, 'Normal');
        end(own);
      }
    }
    const state = participantState(participant, bump(participant.sid));
    for (const session of inRoom) {
      if (session.participantSid === about.sid || !session.ready) continue;
      session.connection?.send({ type: 'update', version: 2, session: session.id, participants: [state] });
    }
  });

  return {
    receive(body, connection) {
      const session = byConnection.get(connection);
      const run = async () => {
        switch (body.type) {
          case 'connect':
            if (session)
              throw new TwilioError(53004, 'Client sent an invalid signaling message: already connected');
            return connect(body, connection);
          case 'sync':
            return sync(body, connection);
          case 'update':
            if (session) update(session, body);
            return;
          case 'disconnect':
            if (session) {
              end(session);
              engine.disconnectParticipant({
                accountSid: session.accountSid,
                room: session.roomSid,
                participant: session.participantSid,
              });
            }
            return;
          case 'ice':
            // No ICE servers to hand out: roomlab's media is on loopback.
            connection.send({ type: 'iced', ice_servers: [] });
            return;
          default:
            return;
        }
      };
      run().catch((error: unknown) => {
        if (!session) return fail(connection, error);
        if (isTwilioError(error))
          connection.send({ type: 'error', code: error.code, message: error.message });
      });
    },
    closed(connection, byClient) {
      const session = byConnection.get(connection);
      if (!session) return;
      byConnection.delete(connection);
      session.connection = undefined;
      if (byClient) {
        // A goodbye without a disconnect still means the participant has left.
        end(session);
        engine.disconnectParticipant({
          accountSid: session.accountSid,
          room: session.roomSid,
          participant: session.participantSid,
        });
        return;
      }
      // The socket dropped: the client may resume with `sync` within the session timeout.
      reconnecting.add(session.participantSid);
      broadcast(session.roomSid, session.accountSid, session.participantSid);
      session.lost = setTimeout(() => {
        end(session);
        const room = engine.findRoom({ accountSid: session.accountSid, room: session.roomSid });
        if (room?.participants.get(session.participantSid)?.status === 'connected') {
          engine.disconnectParticipant(
            { accountSid: session.accountSid, room: session.roomSid, participant: session.participantSid },
            new TwilioError(53001),
          );
        }
      }, sessionTimeout * 1000);
      session.lost.unref?.();
    },
    drop(participantSid) {
      let dropped = 0;
      for (const session of sessions.values()) {
        if (participantSid !== undefined && session.participantSid !== participantSid) continue;
        if (!session.connection) continue;
        session.connection.close(4000, 'Dropped by roomlab');
        dropped += 1;
      }
      return dropped;
    },
    close() {
      unsubscribe();
      sfu?.close();
      for (const session of sessions.values()) if (session.lost) clearTimeout(session.lost);
      sessions.clear();
    },
  };
}
