import { manualClock } from '@roomlab/core';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.js';
import type { MediaStorageFactory } from '../media/media-storage.js';
import { inProcessHttpClient } from '../twilio-http-client.js';

const origin = 'https://video.twilio.com';
const absentRoom = `RM${'0'.repeat(32)}`;
const absentParticipant = `PA${'0'.repeat(32)}`;

const running: Emulator[] = [];
afterEach(() => {
  for (const emulator of running.splice(0)) emulator.close();
});

/** An emulator whose status callbacks go to `hooks` (answered 500 when the URL ends in /fail). */
function start(options: EmulatorOptions = {}) {
  const hooks: string[] = [];
  const emulator = createEmulator({
    clock: manualClock(),
    sids: { seed: 'inspector-actions' },
    statusCallbacks: {
      retryDelayMs: 1,
      fetch: async (url, init) => {
        hooks.push(new URLSearchParams(String(init?.body)).get('StatusCallbackEvent') ?? '');
        return new Response('', { status: String(url).endsWith('/fail') ? 500 : 200 });
      },
    },
    ...options,
  });
  running.push(emulator);
  const { accountSid, authToken } = emulator.credentials;
  const client = twilio(accountSid, authToken, { httpClient: inProcessHttpClient(emulator.handle) });
  const control = async (method: string, path: string) => {
    const response = await emulator.handle(new Request(`${origin}/_roomlab${path}`, { method }));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const state = async () => (await control('GET', '/state')).body;
  return { emulator, client, control, state, hooks, accountSid };
}

/** A room with alice and bob connected, its callbacks going to `hooks`. */
async function roomOfTwo(session: ReturnType<typeof start>, statusCallback = 'https://hooks.example/ok') {
  const room = await session.client.video.v1.rooms.create({ uniqueName: 'standup', statusCallback });
  const ref = { accountSid: session.accountSid, room: room.sid };
  const alice = session.emulator.engine.connectParticipant(ref, { identity: 'alice' });
  const bob = session.emulator.engine.connectParticipant(ref, { identity: 'bob' });
  return { room, alice, bob };
}

/** POSTs `path` beside a room of two: Twilio's error `code` with `status`, and the state as it was. */
async function refusedWithNoChange(path: string, status: number, code: number) {
  const session = start();
  await roomOfTwo(session);
  const before = await session.state();
  expect(await session.control('POST', path)).toMatchObject({ status, body: { code } });
  expect(await session.state()).toEqual(before);
}

describe('POST /_roomlab/rooms/complete', () => {
  it('ends a room as REST Status=completed does: the same answer and the same status callbacks', async () => {
    const byRest = start();
    const restRoom = await roomOfTwo(byRest);
    const restAnswer = await byRest.client.video.v1.rooms(restRoom.room.sid).update({ status: 'completed' });
    await byRest.emulator.statusCallbacks.idle();

    const byControl = start();
    const { room } = await roomOfTwo(byControl);
    const answer = await byControl.control('POST', `/rooms/complete?RoomSid=${room.sid}`);
    await byControl.emulator.statusCallbacks.idle();

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      sid: room.sid,
      status: 'completed',
      end_time: restAnswer.endTime?.toISOString().replace('.000Z', 'Z'),
    });
    expect(byControl.hooks).toEqual(byRest.hooks);
    expect(byControl.hooks.slice(-3)).toEqual([
      'participant-disconnected',
      'participant-disconnected',
      'room-ended',
    ]);
    expect((await byControl.client.video.v1.rooms(room.sid).fetch()).status).toBe('completed');
  });

  it('takes a unique name with AccountSid, as the other room routes do', async () => {
    const session = start();
    const { room } = await roomOfTwo(session);
    const answer = await session.control(
      'POST',
      `/rooms/complete?RoomSid=standup&AccountSid=${session.accountSid}`,
    );
    expect(answer.body).toMatchObject({ sid: room.sid, status: 'completed' });
  });

  it.each([
    ['no RoomSid', '', 400, 20001],
    ['an unknown room', `?RoomSid=${absentRoom}`, 404, 20404],
    ['a unique name without AccountSid', '?RoomSid=standup', 404, 20404],
  ] as const)('answers %s with Twilio’s error and changes nothing', (_case, query, status, code) =>
    refusedWithNoChange(`/rooms/complete${query}`, status, code),
  );

  it('answers 53118 for a room that has already ended, as REST does', async () => {
    const session = start();
    const { room } = await roomOfTwo(session);
    await session.control('POST', `/rooms/complete?RoomSid=${room.sid}`);
    const before = await session.state();
    expect(await session.control('POST', `/rooms/complete?RoomSid=${room.sid}`)).toMatchObject({
      status: 400,
      body: { code: 53118 },
    });
    expect(await session.state()).toEqual(before);
  });

  it('answers GET with 405', async () => {
    const session = start();
    expect(await session.control('GET', '/rooms/complete')).toMatchObject({
      status: 405,
      body: { code: 20004 },
    });
  });
});

describe('POST /_roomlab/participants/disconnect', () => {
  it('disconnects one participant as REST Status=disconnected does, with its status callback', async () => {
    const session = start();
    const { room, alice, bob } = await roomOfTwo(session);
    const answer = await session.control('POST', `/participants/disconnect?ParticipantSid=${alice.sid}`);
    await session.emulator.statusCallbacks.idle();
    expect(answer).toMatchObject({
      status: 200,
      body: { sid: alice.sid, room_sid: room.sid, status: 'disconnected' },
    });
    expect(session.hooks.at(-1)).toBe('participant-disconnected');
    const connected = await session.client.video.v1
      .rooms(room.sid)
      .participants.list({ status: 'connected' });
    expect(connected.map((participant) => participant.sid)).toEqual([bob.sid]);
  });

  it('leaves one already disconnected as it is, as REST does', async () => {
    const session = start();
    const { alice } = await roomOfTwo(session);
    await session.control('POST', `/participants/disconnect?ParticipantSid=${alice.sid}`);
    const before = await session.state();
    const again = await session.control('POST', `/participants/disconnect?ParticipantSid=${alice.sid}`);
    expect(again).toMatchObject({ status: 200, body: { sid: alice.sid, status: 'disconnected' } });
    expect(await session.state()).toEqual(before);
  });

  it.each([
    ['no ParticipantSid', '', 400, 20001],
    ['an unknown participant', `?ParticipantSid=${absentParticipant}`, 404, 20404],
  ] as const)('answers %s with Twilio’s error and changes nothing', (_case, query, status, code) =>
    refusedWithNoChange(`/participants/disconnect${query}`, status, code),
  );
});

describe('POST /_roomlab/status-callbacks/redeliver?Id=', () => {
  it('sends one failed delivery again, and no other', async () => {
    const session = start();
    await roomOfTwo(session, 'https://hooks.example/fail');
    await session.emulator.statusCallbacks.idle();
    const failed = session.emulator.control.statusCallbacks({ state: 'failed' });
    expect(failed.map((delivery) => delivery.event)).toEqual([
      'room-created',
      'participant-connected',
      'participant-connected',
    ]);
    const chosen = failed[1];
    const attempts = failed.map((delivery) => delivery.attempts.length);
    session.hooks.length = 0;
    const answer = await session.control('POST', `/status-callbacks/redeliver?Id=${chosen?.id}`);
    await session.emulator.statusCallbacks.idle();
    expect(answer).toEqual({ status: 200, body: { redelivered: 1 } });
    expect(new Set(session.hooks)).toEqual(new Set(['participant-connected']));
    expect(failed.map((delivery) => delivery.attempts.length)).toEqual([
      attempts[0],
      (attempts[1] ?? 0) * 2,
      attempts[2],
    ]);
  });

  it('answers 20404 for an unknown Id and 20001 for one that was delivered, sending nothing', async () => {
    const session = start();
    await roomOfTwo(session);
    await session.emulator.statusCallbacks.idle();
    const [delivered] = session.emulator.control.statusCallbacks();
    session.hooks.length = 0;
    expect(await session.control('POST', '/status-callbacks/redeliver?Id=nope')).toMatchObject({
      status: 404,
      body: { code: 20404 },
    });
    expect(await session.control('POST', `/status-callbacks/redeliver?Id=${delivered?.id}`)).toMatchObject({
      status: 400,
      body: { code: 20001, message: expect.stringContaining('is delivered') },
    });
    await session.emulator.statusCallbacks.idle();
    expect(session.hooks).toEqual([]);
  });
});

describe('GET /_roomlab/network', () => {
  it('lists the connected participants whose network a test set, and nothing once cleared', async () => {
    const session = start();
    const { room, alice, bob } = await roomOfTwo(session);
    expect(await session.control('GET', '/network')).toEqual({ status: 200, body: { network: [] } });
    session.emulator.control.setNetwork(alice.sid, { level: 2 });
    session.emulator.control.setNetwork(bob.sid, { packetLossPercent: 30 });
    expect((await session.control('GET', '/network')).body).toEqual({
      network: [
        {
          accountSid: session.accountSid,
          roomSid: room.sid,
          participantSid: alice.sid,
          level: 2,
          conditions: null,
        },
        {
          accountSid: session.accountSid,
          roomSid: room.sid,
          participantSid: bob.sid,
          level: null,
          conditions: { packetLossPercent: 30 },
        },
      ],
    });
    session.emulator.control.clearNetwork(alice.sid);
    session.emulator.control.disconnectParticipant(bob.sid);
    expect((await session.control('GET', '/network')).body).toEqual({ network: [] });
  });
});

/** Media storage that holds `bytes` for every recording it is asked for, and nothing for compositions. */
const fakeStorage =
  (bytes: Uint8Array<ArrayBuffer>): MediaStorageFactory =>
  () => ({
    async read(target) {
      if (target.kind !== 'recording') return undefined;
      return { body: new Blob([bytes]).stream(), size: bytes.byteLength, contentType: 'audio/x-matroska' };
    },
    close: async () => {},
  });

describe('GET /_roomlab/media?Sid=', () => {
  const bytes = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);

  async function recorded(session: ReturnType<typeof start>) {
    const room = await session.client.video.v1.rooms.create({ recordParticipantsOnConnect: true });
    const ref = { accountSid: session.accountSid, room: room.sid };
    const alice = session.emulator.engine.connectParticipant(ref, { identity: 'alice' });
    session.emulator.engine.publishTrack({ ...ref, participant: alice.sid }, { kind: 'audio' });
    const [recording] = session.emulator.engine.listRecordings({ accountSid: session.accountSid });
    return { room, recording: recording as NonNullable<typeof recording> };
  }

  /** The room ends, and the media side says the recording's file is written. */
  const finish = (session: ReturnType<typeof start>, roomSid: string, recordingSid: string) => {
    session.emulator.control.completeRoom({ room: roomSid });
    session.emulator.engine.finishRecording(
      { accountSid: session.accountSid, recording: recordingSid },
      { media: { sizeBytes: bytes.byteLength, durationMs: 1000, codec: 'OPUS' } },
    );
  };

  const get = (session: ReturnType<typeof start>, query: string, method = 'GET', headers = {}) =>
    session.emulator.handle(new Request(`${origin}/_roomlab/media${query}`, { method, headers }));

  it('answers a completed recording’s file inline, with its type and length, for a player', async () => {
    const session = start({ mediaStorage: fakeStorage(bytes) });
    const { room, recording } = await recorded(session);
    finish(session, room.sid, recording.sid);
    const answer = await get(session, `?Sid=${recording.sid}`);
    expect(answer.status).toBe(200);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'content-type': 'audio/x-matroska',
      'content-length': String(bytes.byteLength),
      'content-disposition': `inline; filename="${recording.sid}.mka"`,
    });
    expect(new Uint8Array(await answer.arrayBuffer())).toEqual(bytes);
    const head = await get(session, `?Sid=${recording.sid}`, 'HEAD');
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([
      200,
      String(bytes.byteLength),
      '',
    ]);
  });

  it('answers the part a player asks for with Range (206), and 416 for a range past the end', async () => {
    const session = start({ mediaStorage: fakeStorage(bytes) });
    const { room, recording } = await recorded(session);
    finish(session, room.sid, recording.sid);
    const whole = await get(session, `?Sid=${recording.sid}`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    await whole.arrayBuffer();
    const part = await get(session, `?Sid=${recording.sid}`, 'GET', { range: 'bytes=2-4' });
    expect(part.status).toBe(206);
    expect(Object.fromEntries(part.headers)).toMatchObject({
      'content-range': `bytes 2-4/${bytes.byteLength}`,
      'content-length': '3',
      'content-type': 'audio/x-matroska',
    });
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(2, 5));
    const tail = await get(session, `?Sid=${recording.sid}`, 'GET', { range: 'bytes=-2' });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(-2));
    const past = await get(session, `?Sid=${recording.sid}`, 'GET', { range: `bytes=${bytes.byteLength}-` });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, `bytes */${bytes.byteLength}`]);
    expect(await past.text()).toMatch(/^Range not satisfiable: RT\w+\.mka has 7 bytes$/);
  });

  it('answers 20404 while a recording is processing, for an unknown SID, and for a file gone; 20001 without Sid', async () => {
    const session = start({ mediaStorage: () => ({ read: async () => undefined, close: async () => {} }) });
    const { room, recording } = await recorded(session);
    const processing = await get(session, `?Sid=${recording.sid}`);
    expect([processing.status, await processing.json()]).toEqual([
      404,
      expect.objectContaining({ code: 20404, message: expect.stringContaining('it is processing') }),
    ]);
    const unknown = await get(session, `?Sid=RT${'0'.repeat(32)}`);
    expect([unknown.status, ((await unknown.json()) as { code: number }).code]).toEqual([404, 20404]);
    finish(session, room.sid, recording.sid);
    const gone = await get(session, `?Sid=${recording.sid}`);
    expect([gone.status, await gone.json()]).toEqual([
      404,
      expect.objectContaining({ code: 20404, message: expect.stringContaining('has no media any more') }),
    ]);
    const missing = await get(session, '');
    expect([missing.status, ((await missing.json()) as { code: number }).code]).toEqual([400, 20001]);
  });
});
