import { mintAccessToken } from '@roomlab/core';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server.js';
import { emulatorHttpClient } from '../twilio-http-client.js';
import {
  connectScripted,
  type ScriptedParticipant,
  type ScriptedTrack,
  SignalingError,
} from './scripted-participant.js';

let server: RunningServer;
let client: ReturnType<typeof twilio>;
const joined: ScriptedParticipant[] = [];

beforeEach(async () => {
  server = await startServer({ port: 0, media: false });
  const { accountSid, authToken } = server.emulator.credentials;
  client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(server.url) });
});
afterEach(async () => {
  for (const participant of joined.splice(0))
    if (!participant.ended) await participant.disconnect().catch(() => undefined);
  await server.close();
});

function token(identity: string, options: { room?: string; ttl?: number; secret?: string } = {}) {
  const { accountSid, apiKeySid, apiKeySecret } = server.emulator.credentials;
  return mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret: options.secret ?? apiKeySecret,
    identity,
    room: options.room,
    ttl: options.ttl,
    now: server.emulator.control.now(),
  });
}

async function join(identity: string, name = 'standup', tracks: ScriptedTrack[] = []) {
  const participant = await connectScripted(server.signalingUrl, await token(identity), { name, tracks });
  joined.push(participant);
  return participant;
}

async function refused(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(SignalingError);
  return (error as SignalingError).code;
}

/** Sends raw frames on a fresh socket and collects every frame until the server closes it. */
async function rawSession(sent: string[]): Promise<Record<string, unknown>[]> {
  const { WebSocket } = await import('ws');
  const socket = new WebSocket(server.signalingUrl);
  const frames: Record<string, unknown>[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise((resolve) => socket.once('open', resolve));
  for (const frame of sent) socket.send(frame);
  await new Promise((resolve) => socket.once('close', resolve));
  return frames;
}

describe('signaling for twilio-video clients', () => {
  it('lets four participants join one ad-hoc room and see each other, with REST showing the same room', async () => {
    const alice = await join('alice', 'standup', [{ kind: 'audio', name: 'mic' }]);
    const others = [await join('bob'), await join('carol'), await join('dave')];
    for (const participant of [alice, ...others]) {
      await participant.waitFor(() => participant.participants.size === 3);
      expect(participant.roomName).toBe('standup');
      expect(participant.roomSid).toBe(alice.roomSid);
    }
    const [bob] = others;
    const aliceSeenByBob = [...(bob?.participants.values() ?? [])].find((p) => p.identity === 'alice');
    expect(aliceSeenByBob?.tracks.map((t) => t.name)).toEqual(['mic']);
    const listed = await client.video.v1.rooms('standup').participants.list();
    expect(listed.map((participant) => participant.identity).sort()).toEqual([
      'alice',
      'bob',
      'carol',
      'dave',
    ]);
    const tracks = await client.video.v1.rooms('standup').participants(alice.sid).publishedTracks.list();
    expect(tracks.map((track) => [track.name, track.kind, track.sid])).toEqual([
      ['mic', 'audio', alice.published.get('mic')],
    ]);
  });

  it('tells the others of published, disabled, enabled and unpublished tracks', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    const sid = await alice.publish({ kind: 'video', name: 'camera' });
    const seen = () => bob.participants.get(alice.sid)?.tracks.find((track) => track.sid === sid);
    await bob.waitFor(() => seen()?.enabled === true);
    alice.setEnabled('camera', false);
    await bob.waitFor(() => seen()?.enabled === false);
    expect(
      (await client.video.v1.rooms('standup').participants(alice.sid).publishedTracks(sid).fetch()).enabled,
    ).toBe(false);
    alice.setEnabled('camera', true);
    await bob.waitFor(() => seen()?.enabled === true);
    alice.unpublish('camera');
    await bob.waitFor(() => seen() === undefined);
    expect(await client.video.v1.rooms('standup').participants(alice.sid).publishedTracks.list()).toEqual([]);
  });

  it('tells the others of each track’s publish priority, and of a change to it', async () => {
    const alice = await join('alice', 'standup', [{ kind: 'audio', name: 'mic', priority: 'high' }]);
    const bob = await join('bob');
    const seen = (name: string) =>
      bob.participants.get(alice.sid)?.tracks.find((track) => track.name === name)?.priority;
    await bob.waitFor(() => seen('mic') === 'high');
    await alice.publish({ kind: 'video', name: 'camera', priority: 'low' });
    await bob.waitFor(() => seen('camera') === 'low');
    alice.setPriority('camera', 'high');
    await bob.waitFor(() => seen('camera') === 'high');
    expect(seen('mic')).toBe('high');
    const carol = await join('carol');
    const seenByCarol = carol.participants.get(alice.sid)?.tracks.map((track) => track.priority);
    expect(seenByCarol).toEqual(['high', 'high']);
  });

  it('refuses a track with an unknown priority (53004), publishing nothing', async () => {
    const urgent = { kind: 'audio', name: 'mic', priority: 'urgent' } as unknown as ScriptedTrack;
    expect(await refused(join('alice', 'standup', [urgent]))).toBe(53004);
    const bob = await join('bob');
    await bob.publish({ kind: 'audio', name: 'mic' });
    const mic = bob.published.get('mic') ?? '';
    bob.setPriority('mic', 'urgent' as 'high');
    await bob.waitFor(() => bob.ended !== undefined);
    expect(bob.ended?.code).toBe(53004);
    const track = await client.video.v1.rooms('standup').participants(bob.sid).publishedTracks(mic).fetch();
    expect(track.name).toBe('mic');
    expect(
      server.emulator.engine
        .getParticipant({
          accountSid: server.emulator.credentials.accountSid,
          room: 'standup',
          participant: 'bob',
        })
        .publishedTracks.get(mic)?.priority,
    ).toBe('standard');
  });

  it('tells the others when one leaves', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await alice.waitFor(() => alice.participants.has(bob.sid));
    await bob.disconnect();
    await alice.waitFor(() => !alice.participants.has(bob.sid));
    expect((await client.video.v1.rooms('standup').participants(bob.sid).fetch()).status).toBe(
      'disconnected',
    );
  });

  it('tells the others of a departure once, keeping the tracks it had (the SDK keeps them on participantDisconnected)', async () => {
    const alice = await join('alice');
    const bob = await join('bob', 'standup', [
      { kind: 'audio', name: 'mic' },
      { kind: 'video', name: 'camera' },
    ]);
    await alice.waitFor(() => alice.participants.get(bob.sid)?.tracks.length === 2);
    const before = alice.received.length;
    await client.video.v1.rooms('standup').participants(bob.sid).update({ status: 'disconnected' });
    await alice.waitFor(() => !alice.participants.has(bob.sid));
    const statesOfBob = alice.received
      .slice(before)
      .flatMap((body) => (body.participants as { sid: string }[] | undefined) ?? [])
      .filter((state) => state.sid === bob.sid);
    expect(statesOfBob).toEqual([
      expect.objectContaining({
        state: 'disconnected',
        tracks: [
          expect.objectContaining({ name: 'mic', kind: 'audio', sid: bob.published.get('mic') }),
          expect.objectContaining({ name: 'camera', kind: 'video', sid: bob.published.get('camera') }),
        ],
      }),
    ]);
  });

  it('disconnects everyone with status completed (53118 in the SDK) when REST completes the room', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await client.video.v1.rooms('standup').update({ status: 'completed' });
    await alice.waitFor(() => alice.ended !== undefined);
    await bob.waitFor(() => bob.ended !== undefined);
    expect([alice.ended, bob.ended]).toEqual([{ status: 'completed' }, { status: 'completed' }]);
  });

  it('disconnects one participant when REST sets it disconnected', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await client.video.v1.rooms('standup').participants(bob.sid).update({ status: 'disconnected' });
    await bob.waitFor(() => bob.ended !== undefined);
    expect(bob.ended).toEqual({ status: 'disconnected' });
    await alice.waitFor(() => !alice.participants.has(bob.sid));
  });

  it('disconnects the older participant with 53205 when the same identity joins again', async () => {
    const first = await join('alice');
    const second = await join('alice');
    await first.waitFor(() => first.ended !== undefined);
    expect(first.ended?.code).toBe(53205);
    expect(second.ended).toBeUndefined();
  });

  it('refuses expired, wrong-room, badly signed and malformed tokens with their codes', async () => {
    const expired = await token('alice', { ttl: 60 });
    server.emulator.control.advanceClock(61_000);
    expect(await refused(connectScripted(server.signalingUrl, expired, { name: 'standup' }))).toBe(20104);
    expect(
      await refused(
        connectScripted(server.signalingUrl, await token('alice', { room: 'retro' }), { name: 'standup' }),
      ),
    ).toBe(20106);
    expect(
      await refused(
        connectScripted(server.signalingUrl, await token('alice', { secret: 'forged' }), { name: 'standup' }),
      ),
    ).toBe(20107);
    expect(await refused(connectScripted(server.signalingUrl, 'not-a-token', { name: 'standup' }))).toBe(
      20101,
    );
    expect(await client.video.v1.rooms.list()).toEqual([]);
  });

  it('enforces max participants (53105) and refuses a completed room by SID (53118)', async () => {
    const room = await client.video.v1.rooms.create({ uniqueName: 'pair', type: 'go' });
    await join('alice', 'pair');
    await join('bob', 'pair');
    expect(await refused(connectScripted(server.signalingUrl, await token('carol'), { name: 'pair' }))).toBe(
      53105,
    );
    await client.video.v1.rooms(room.sid).update({ status: 'completed' });
    expect(
      await refused(connectScripted(server.signalingUrl, await token('carol'), { name: room.sid })),
    ).toBe(53118);
  });

  it('refuses video in an audio-only room: the publication fails with 53125 and audio still works', async () => {
    await client.video.v1.rooms.create({ uniqueName: 'radio', audioOnly: true });
    const alice = await join('alice', 'radio');
    const code = await alice.publish({ kind: 'video', name: 'camera' }).then(
      () => 0,
      (error: SignalingError) => error.code,
    );
    expect(code).toBe(53125);
    expect(await alice.publish({ kind: 'audio', name: 'mic' })).toMatch(/^MT[0-9a-f]{32}$/);
  });

  it('tells clients whether the room records (room.isRecording), and only when that changes', async () => {
    const room = await client.video.v1.rooms.create({
      uniqueName: 'recorded',
      recordParticipantsOnConnect: true,
    });
    const recordingOf = (body: Record<string, unknown> | undefined) => body?.recording;
    const quiet = await join('quiet', 'recorded');
    expect(recordingOf(quiet.received[0])).toEqual({ revision: 1, is_recording: false });
    const alice = await join('alice', 'recorded', [{ kind: 'audio', name: 'mic' }]);
    // The room's state, under the room's revision: quiet's first update is already counted.
    expect(recordingOf(alice.received[0])).toEqual({ revision: 2, is_recording: true });
    const updates = (participant: ScriptedParticipant) =>
      participant.received
        .map(recordingOf)
        .filter((state) => state !== undefined)
        .slice(1);
    await quiet.waitFor(() => updates(quiet).length === 1);
    expect(updates(quiet)).toEqual([{ revision: 2, is_recording: true }]);
    await alice.publish({ kind: 'video', name: 'camera' });
    const rules = client.video.v1.rooms(room.sid).recordingRules;
    await rules.update({ rules: [{ type: 'exclude', all: true }] });
    await alice.waitFor(() => updates(alice).length === 1);
    expect(updates(alice)).toEqual([{ revision: 3, is_recording: false }]);
    await rules.update({ rules: [{ type: 'include', kind: 'video' }] });
    await alice.waitFor(() => updates(alice).length === 2);
    expect(updates(alice)[1]).toEqual({ revision: 4, is_recording: true });
    // The second publication and a rule that keeps one track recorded change nothing clients see.
    expect(updates(quiet)).toHaveLength(3);
  });

  it('fires status callbacks for what clients do', async () => {
    const events: string[] = [];
    server.emulator.engine.subscribe((event) => events.push(event.name));
    await client.video.v1.rooms.create({ uniqueName: 'hooked', statusCallback: 'http://127.0.0.1:9/never' });
    const alice = await join('alice', 'hooked');
    await alice.publish({ kind: 'audio', name: 'mic' });
    await alice.disconnect();
    const deliveries = server.emulator.statusCallbacks.deliveries().map((delivery) => delivery.event);
    expect(deliveries).toEqual([
      'room-created',
      'participant-connected',
      'track-added',
      'track-removed',
      'participant-disconnected',
    ]);
    expect(events).toEqual(
      expect.arrayContaining(['participant-connected', 'track-added', 'participant-disconnected']),
    );
  });

  it('resumes a session after its socket drops, keeping the participant in the room', async () => {
    const alice = await join('alice');
    const bob = await join('bob');
    await bob.reconnect();
    expect(bob.received.at(-1)?.type).toBe('synced');
    expect(bob.ended).toBeUndefined();
    await alice.waitFor(() => alice.participants.has(bob.sid));
    const sid = await bob.publish({ kind: 'audio', name: 'mic' });
    await alice.waitFor(
      () => alice.participants.get(bob.sid)?.tracks.some((track) => track.sid === sid) === true,
    );
  });

  it('answers a frame that is not JSON with `bad`, and closes a socket that never said hello', async () => {
    const frames = await rawSession(['this is not json']);
    expect(frames).toEqual([{ type: 'bad', reason: 'Frame is not JSON' }]);
  });

  it('answers a sync for an unknown session with 53002, and garbage after the welcome with `bad`', async () => {
    const frames = await rawSession([
      JSON.stringify({
        type: 'hello',
        version: 2,
        timeout: 5000,
        body: { type: 'sync', session: 'SEnope', token: 'x' },
      }),
    ]);
    expect(frames[0]).toMatchObject({ type: 'welcome', negotiatedTimeout: 5000 });
    expect(frames.find((frame) => frame.type === 'msg')).toMatchObject({
      body: { type: 'error', code: 53002 },
    });
  });

  it('refuses a connect without a token or with broken tracks (53004), and keeps serving', async () => {
    const frames = await rawSession([
      JSON.stringify({
        type: 'hello',
        version: 2,
        timeout: 5000,
        body: { type: 'connect', participant: { tracks: [{ kind: 'smell' }] } },
      }),
    ]);
    expect(frames.find((frame) => frame.type === 'msg')).toMatchObject({
      body: { type: 'error', code: 53004 },
    });
    const alice = await join('alice');
    expect(alice.roomName).toBe('standup');
  });
});
