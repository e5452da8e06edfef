import type { TrackPriority } from '@roomlab/core';
import { WebSocket } from 'ws';
import { version } from '../version.js';

/**
 * A participant driven by code instead of the `twilio-video` SDK: it speaks the same signaling
 * protocol (hello, connect, update, sync, disconnect) without media, so a test can put participants
 * in a room from Node and watch what the SDK would be told.
 */
export interface RemoteParticipantView {
  sid: string;
  identity: string;
  state: string;
  revision: number;
  tracks: { sid: string; name: string; kind: string; enabled: boolean; priority: TrackPriority }[];
}

export interface ScriptedTrack {
  kind: 'audio' | 'video' | 'data';
  name: string;
  enabled?: boolean;
  /** Its publish priority, as `publishTrack(track, { priority })` gives it (by default standard). */
  priority?: TrackPriority;
}

export interface ScriptedParticipant {
  readonly sid: string;
  readonly identity: string;
  readonly roomSid: string;
  readonly roomName: string;
  /** Everyone else in the room, as this participant's client sees them. */
  readonly participants: ReadonlyMap<string, RemoteParticipantView>;
  /** Its own tracks' MT SIDs once the server acknowledged them, by name. */
  readonly published: ReadonlyMap<string, string>;
  /** Every room-signaling body received, in order. */
  readonly received: Record<string, unknown>[];
  /** How the session ended: `completed`, an error code, or `disconnected`; undefined while in the room. */
  readonly ended: { status?: string; code?: number; message?: string } | undefined;
  publish(track: ScriptedTrack): Promise<string>;
  unpublish(name: string): void;
  setEnabled(name: string, enabled: boolean): void;
  /** Changes a published track's priority, as `LocalTrackPublication.setPriority` does. */
  setPriority(name: string, priority: TrackPriority): void;
  /** Waits until `check` holds, re-checked after each message (rejects after `timeoutMs`). */
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  /** Drops the socket without saying goodbye, then resumes the session with `sync` on a new one. */
  reconnect(): Promise<void>;
  disconnect(): Promise<void>;
}

export class SignalingError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ScriptedConnectOptions {
  name?: string;
  tracks?: ScriptedTrack[];
}

export async function connectScripted(
  wsServer: string,
  token: string,
  options: ScriptedConnectOptions = {},
): Promise<ScriptedParticipant> {
  const participants = new Map<string, RemoteParticipantView>();
  const published = new Map<string, string>();
  const failed = new Map<string, { code: number; message: string }>();
  const received: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const tracks = new Map<string, ScriptedTrack & { id: string }>();
  for (const track of options.tracks ?? []) tracks.set(track.name, { ...track, id: `id-${track.name}` });
  let revision = 1;
  let session = '';
  let ended: ScriptedParticipant['ended'];
  let socket: WebSocket;
  let self = { sid: '', identity: '', roomSid: '', roomName: '' };

  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const trackList = () =>
    [...tracks.values()].map((track) => ({
      id: track.id,
      kind: track.kind,
      name: track.name,
      enabled: track.enabled !== false,
      priority: track.priority ?? 'standard',
    }));

  const apply = (body: Record<string, unknown>) => {
    received.push(body);
    for (const state of (body.participants as RemoteParticipantView[] | undefined) ?? []) {
      const known = participants.get(state.sid);
      if (known && state.revision <= known.revision) continue;
      if (state.state === 'disconnected') participants.delete(state.sid);
      else participants.set(state.sid, state);
    }
    const acked = body.published as
      | { tracks?: { id: string; sid?: string; state?: string; error?: { code: number; message: string } }[] }
      | undefined;
    for (const ack of acked?.tracks ?? []) {
      const track = [...tracks.values()].find((each) => each.id === ack.id);
      if (track && ack.sid) published.set(track.name, ack.sid);
      if (track && ack.state === 'failed' && ack.error) failed.set(track.name, ack.error);
    }
    if (body.type === 'disconnected')
      ended = { status: typeof body.status === 'string' ? body.status : 'disconnected' };
    if (body.type === 'error') ended = { code: body.code as number, message: body.message as string };
    notify();
  };

  const open = (hello: Record<string, unknown>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const next = new WebSocket(wsServer);
      next.on('open', () => {
        next.send(JSON.stringify({ type: 'hello', id: 'scripted', timeout: 5000, version: 2, body: hello }));
        resolve(next);
      });
      next.on('error', reject);
      next.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; body?: Record<string, unknown> };
        if (frame.type === 'heartbeat' && next.readyState === next.OPEN) next.send('{"type":"heartbeat"}');
        if (frame.type === 'msg' && frame.body) apply(frame.body);
      });
      next.on('close', notify);
    });

  const waitFor = (check: () => boolean, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error('timed out waiting for the signaling server'));
      }, timeoutMs);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      };
      waiters.add(waiter);
    });

  const send = (body: Record<string, unknown>) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'msg', body }));
  };
  const sendTracks = () => {
    revision += 1;
    send({ type: 'update', version: 2, session, participant: { revision, tracks: trackList() } });
  };
  const change = (name: string, changes: Pick<ScriptedTrack, 'enabled' | 'priority'>) => {
    const track = tracks.get(name);
    if (track) Object.assign(track, changes);
    sendTracks();
  };

  socket = await open({
    type: 'connect',
    version: 2,
    name: options.name ?? null,
    participant: { revision, tracks: trackList() },
    peer_connections: [],
    ice_servers: 'overrode',
    publisher: {
      name: 'roomlab-scripted',
      sdk_version: version,
      user_agent: `Node.js/${process.versions.node}`,
    },
    media_signaling: {},
    subscribe: { rules: [{ type: 'include', all: true }], revision: 1 },
    format: 'unified',
    token,
  });
  await waitFor(() => received.some((body) => body.type === 'connected') || ended !== undefined);
  if (ended?.code !== undefined) throw new SignalingError(ended.code, ended.message ?? '');
  const connected = received.find((body) => body.type === 'connected') as Record<string, unknown>;
  session = connected.session as string;
  const local = connected.participant as { sid: string; identity: string };
  self = {
    sid: local.sid,
    identity: local.identity,
    roomSid: connected.sid as string,
    roomName: connected.name as string,
  };

  return {
    get sid() {
      return self.sid;
    },
    get identity() {
      return self.identity;
    },
    get roomSid() {
      return self.roomSid;
    },
    get roomName() {
      return self.roomName;
    },
    participants,
    published,
    received,
    get ended() {
      return ended;
    },
    async publish(track) {
      tracks.set(track.name, { ...track, id: `id-${track.name}` });
      sendTracks();
      await waitFor(() => published.has(track.name) || failed.has(track.name));
      const failure = failed.get(track.name);
      if (failure) {
        tracks.delete(track.name);
        failed.delete(track.name);
        throw new SignalingError(failure.code, failure.message);
      }
      return published.get(track.name) as string;
    },
    unpublish(name) {
      tracks.delete(name);
      published.delete(name);
      sendTracks();
    },
    setEnabled: (name, enabled) => change(name, { enabled }),
    setPriority: (name, priority) => change(name, { priority }),
    waitFor,
    async reconnect() {
      socket.terminate();
      const before = received.length;
      socket = await open({
        type: 'sync',
        version: 2,
        session,
        name: options.name ?? null,
        participant: { revision, tracks: trackList() },
        peer_connections: [],
        token,
      });
      await waitFor(() =>
        received.slice(before).some((body) => body.type === 'synced' || body.type === 'error'),
      );
    },
    async disconnect() {
      if (socket.readyState === socket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      send({ type: 'disconnect', version: 2, session });
      if (socket.readyState === socket.OPEN) socket.send('{"type":"bye"}');
      await closed;
      ended ??= { status: 'disconnected' };
    },
  };
}
