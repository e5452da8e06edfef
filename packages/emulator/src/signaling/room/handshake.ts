import {
  type ClientPublisher,
  edgeLocationOf,
  type ParticipantRecord,
  parseRules,
  participantRefOf,
  type TrackRule,
  TwilioError,
  verifyAccessToken,
} from '@roomlab/core';
import type { TcmpConnection } from '../tcmp-connection.js';
import { applyTracks, clientTracks, publishedState } from './publications.js';
import { roomStateBody } from './room-state-messages.js';
import type { Session } from './sessions.js';
import type { SignalingParts } from './signaling-parts.js';

/** The subscribe rules a connect asks for (`{ rules, revision }`: the SDK's automaticSubscription), checked. */
function requestedSubscribeRules(subscribe: unknown): TrackRule[] | undefined {
  if (typeof subscribe !== 'object' || subscribe === null) return undefined;
  return parseRules((subscribe as { rules?: unknown }).rules, 'subscribe');
}

/** What the client says of itself (`publisher`: the SDK's name, version and user agent), when it says it. */
function clientPublisher(publisher: unknown): ClientPublisher | undefined {
  if (typeof publisher !== 'object' || publisher === null) return undefined;
  const { name, sdk_version, user_agent } = publisher as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 512) : '');
  if (typeof name !== 'string') return undefined;
  return { name: text(name), sdkVersion: text(sdk_version), userAgent: text(user_agent) };
}

/**
 * A client's `connect`: its access token is verified, its participant joins the room (created on the
 * way when the name is new, as Twilio's ad-hoc rooms are), its tracks are published, and it is answered
 * `connected` with the whole room before anything else; then its media is handed to the media server.
 */
export function handshake(parts: SignalingParts, newSessionId: () => string) {
  const { engine } = parts;
  return async function connect(body: Record<string, unknown>, connection: TcmpConnection): Promise<void> {
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
    const roomName = name ?? grant.room;
    const { accountSid, identity } = grant;
    const joining = {
      identity,
      subscribeRules: requestedSubscribeRules(body.subscribe),
      publisher: clientPublisher(body.publisher),
      edgeLocation: edgeLocationOf(connection.host) ?? undefined,
    };
    const joined =
      roomName === undefined
        ? engine.connectParticipant(
            { accountSid, room: engine.createRoom({ accountSid }, {}, 'sdk').sid },
            joining,
          )
        : engine.connectParticipant({ accountSid, room: roomName }, { ...joining, createRoom: {} });
    const session: Session = {
      id: newSessionId(),
      ref: participantRefOf(joined),
      connection,
      tracks: new Map(),
      clientRevision: typeof participant?.revision === 'number' ? participant.revision : 1,
      publishedRevision: 0,
      ready: false,
    };
    parts.sessions.add(session);
    applyTracks(engine, session, tracks, parts.logger);
    connection.send(roomStateFor(parts, session, joined, 'connected'));
    session.ready = true;
    parts.media.join(session, body.media_signaling, body.bandwidth_profile);
    parts.media.describe(session, body.peer_connections);
    parts.subscriptions.sync(session);
  };
}

/** The room as this session's client learns it on `connected` or, after a reconnect, `synced`. */
export function roomStateFor(
  parts: SignalingParts,
  session: Session,
  participant: ParticipantRecord,
  type: 'connected' | 'synced',
) {
  return roomStateBody(type, {
    sessionId: session.id,
    room: parts.engine.getRoom(session.ref),
    participant,
    clientRevision: session.clientRevision,
    participants: parts.states.othersOf(session),
    published: publishedState(session),
    recording: parts.recordingStates.of(session.ref.room, session.ref.accountSid),
    sessionTimeoutSeconds: parts.sessionTimeoutSeconds,
  });
}
