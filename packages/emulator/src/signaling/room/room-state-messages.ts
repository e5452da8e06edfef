import type { ParticipantRecord, RoomRecord, TrackPriority, TrackSnapshot } from '@roomlab/core';
import type { RecordingState } from './recording-state.js';

/**
 * The bodies the server sends in room signaling (`signaling/v2`), shaped as the twilio-video SDK reads
 * them: the room state in `connected` and `synced`, `update`s, `disconnected` and `error`.
 */

/** A participant as the others' clients see it, under a revision that grows with every change. */
export interface ParticipantState {
  sid: string;
  identity: string;
  revision: number;
  state: 'connected' | 'reconnecting' | 'disconnected';
  tracks: { sid: string; name: string; kind: string; enabled: boolean; priority: TrackPriority }[];
}

/** The server's answer to the client's own tracks: each one ready under its MT SID, or failed. */
export interface PublishedState {
  revision: number;
  tracks: (
    | { id: string; sid: string; state: 'ready' }
    | { id: string; state: 'failed'; error: { code: number; message: string } | undefined }
  )[];
}

/**
 * `away`: its socket dropped and it may still come back (the others see it `reconnecting`). `tracks`:
 * what it publishes, by default its tracks now (a participant that left keeps those it had, as Twilio
 * shows it: the SDK keeps a departed participant's tracks).
 */
export function participantState(
  participant: ParticipantRecord,
  revision: number,
  away: boolean,
  tracks: readonly TrackSnapshot[] = [...participant.publishedTracks.values()],
): ParticipantState {
  return {
    sid: participant.sid,
    identity: participant.identity,
    revision,
    state: participant.status !== 'connected' ? 'disconnected' : away ? 'reconnecting' : 'connected',
    tracks: tracks.map((track) => ({
      sid: track.sid,
      name: track.name,
      kind: track.kind,
      enabled: track.enabled,
      priority: track.priority,
    })),
  };
}

/** What one server `update` says has changed. */
export type UpdateChanges =
  | { participants: ParticipantState[] }
  | { published: PublishedState }
  | { recording: RecordingState };

/** The one envelope of every server `update`: what changed for the client of `sessionId`. */
export function updateBody(sessionId: string, changes: UpdateChanges) {
  return { type: 'update', version: 2, session: sessionId, ...changes };
}

/**
 * `updateBody` as JSON text, for each client of a room in turn: the changes everyone is told are
 * serialized once, and only the session id differs from one client to the next.
 */
export function updateJson(changes: UpdateChanges): (sessionId: string) => string {
  const shared = JSON.stringify(changes).slice(1); // `"participants":[…]}`: the object without its `{`
  return (sessionId) => `{"type":"update","version":2,"session":${JSON.stringify(sessionId)},${shared}`;
}

export interface RoomStateParts {
  sessionId: string;
  room: RoomRecord;
  participant: ParticipantRecord;
  /** The revision of the client's own state, as the client last sent it. */
  clientRevision: number;
  /** Everyone else connected to the room. */
  participants: ParticipantState[];
  published: PublishedState;
  recording: RecordingState;
  sessionTimeoutSeconds: number;
}

/** The whole room as a client learns it on `connected` (first join) or `synced` (after a reconnect). */
export function roomStateBody(type: 'connected' | 'synced', parts: RoomStateParts) {
  const { room, participant } = parts;
  return {
    type,
    version: 2,
    session: parts.sessionId,
    sid: room.sid,
    name: room.uniqueName,
    options: {
      session_timeout: parts.sessionTimeoutSeconds,
      signaling_region: 'roomlab',
      media_region: room.mediaRegion,
    },
    participant: {
      sid: participant.sid,
      identity: participant.identity,
      revision: parts.clientRevision,
      state: 'connected',
      tracks: [],
    },
    participants: parts.participants,
    peer_connections: [],
    published: parts.published,
    subscribed: { revision: 1, tracks: [] },
    recording: parts.recording,
    media_signaling: {},
  };
}

/** The session is over; `completed` when its room ended (the SDK's 53118). */
export function disconnectedBody(sessionId: string, status?: 'completed') {
  return { type: 'disconnected', version: 2, session: sessionId, ...(status ? { status } : {}) };
}

export function errorBody(error: { code: number; message: string }) {
  return { type: 'error', code: error.code, message: error.message };
}
