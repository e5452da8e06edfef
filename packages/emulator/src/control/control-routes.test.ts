import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { manualClock, mintAccessToken } from '@roomlab/core';
import { checkResponse } from '@roomlab/core/conformance';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';
import { startServer } from '../server.js';
import { emulatorHttpClient, inProcessHttpClient } from '../twilio-http-client.js';

const origin = 'https://video.twilio.com';

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator({ clock: manualClock(), ...options });
  const { accountSid, authToken } = emulator.credentials;
  const client = twilio(accountSid, authToken, {
    httpClient: inProcessHttpClient(emulator.handle),
    autoRetry: true,
    maxRetryDelay: 20,
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await emulator.handle(
      new Request(`${origin}/_roomlab${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const rest = async (path: string) => {
    // Read live: a restored state brings its own accounts.
    const authorization = `Basic ${btoa(`${emulator.credentials.accountSid}:${emulator.credentials.authToken}`)}`;
    const response = await emulator.handle(new Request(`${origin}${path}`, { headers: { authorization } }));
    return { status: response.status, text: await response.text() };
  };
  return { emulator, client, control, rest };
}

let running: Emulator[] = [];
afterEach(() => {
  for (const emulator of running) emulator.close();
  running = [];
});
const start = (options?: Parameters<typeof createEmulator>[0]) => {
  const made = setup(options);
  running.push(made.emulator);
  return made;
};

describe('the control API', () => {
  it('snapshots state that a fresh emulator restores to identical REST answers', async () => {
    const first = start({ sids: { seed: 'snap' } });
    const room = await first.client.video.v1.rooms.create({ uniqueName: 'kept' });
    first.emulator.engine.connectParticipant(
      { accountSid: first.emulator.credentials.accountSid, room: room.sid },
      {
        identity: 'alice',
      },
    );
    await first.client.video.v1.rooms.create({ uniqueName: 'other' });
    const saved = await first.control('GET', '/state');
    expect(saved.status).toBe(200);

    const second = start();
    expect((await second.control('PUT', '/state', saved.body)).status).toBe(200);
    for (const path of [
      '/v1/Rooms',
      `/v1/Rooms/${room.sid}`,
      `/v1/Rooms/${room.sid}/Participants`,
      '/v1/Rooms/kept',
    ]) {
      const [before, after] = [await first.rest(path), await second.rest(path)];
      expect(after).toEqual(before);
      expect(
        checkResponse({
          method: 'GET',
          url: origin + path,
          status: after.status,
          body: JSON.parse(after.text),
        }),
      ).toEqual([]);
    }
    expect(second.emulator.credentials).toEqual(first.emulator.credentials);
  });

  it('moves the clock: past empty_room_timeout the room completes and room-ended is posted', async () => {
    const received: string[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(new URLSearchParams(body).get('StatusCallbackEvent') ?? '');
        response.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const { client, control, emulator } = start({ clock: undefined });
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/events`;
      const room = await client.video.v1.rooms.create({ statusCallback: url, emptyRoomTimeout: 1 });
      const alice = emulator.engine.connectParticipant(
        { accountSid: emulator.credentials.accountSid, room: room.sid },
        {
          identity: 'alice',
        },
      );
      emulator.engine.disconnectParticipant({
        accountSid: emulator.credentials.accountSid,
        room: room.sid,
        participant: alice.sid,
      });
      const moved = await control('POST', '/clock', { advanceSeconds: 61 });
      expect(moved.status).toBe(200);
      expect((await client.video.v1.rooms(room.sid).fetch()).status).toBe('completed');
      await emulator.statusCallbacks.idle();
      expect(received).toEqual([
        'room-created',
        'participant-connected',
        'participant-disconnected',
        'room-ended',
      ]);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('expires tokens as the clock moves', async () => {
    const { control, emulator } = start();
    const { accountSid, apiKeySid, apiKeySecret } = emulator.credentials;
    const token = await mintAccessToken({
      accountSid,
      apiKeySid,
      apiKeySecret,
      identity: 'alice',
      ttl: 600,
      now: emulator.control.now(),
    });
    expect((await control('POST', '/tokens/verify', { token })).body).toMatchObject({
      identity: 'alice',
      accountSid,
    });
    await control('POST', '/clock', { advanceMs: 600_000 });
    expect(await control('POST', '/tokens/verify', { token })).toMatchObject({
      status: 401,
      body: { code: 20104 },
    });
  });

  it('resets everything, or one account, to how it was at start', async () => {
    const { client, control, emulator } = start();
    await client.video.v1.rooms.create({ uniqueName: 'mine' });
    const other = `AC${'5'.repeat(32)}`;
    emulator.engine.authenticate({ username: other, password: 'token' });
    emulator.engine.createRoom({ accountSid: other }, { uniqueName: 'theirs' });
    expect((await control('POST', `/reset?AccountSid=${emulator.credentials.accountSid}`)).status).toBe(200);
    expect(await client.video.v1.rooms.list()).toEqual([]);
    expect(emulator.engine.listRooms({ accountSid: other })).toHaveLength(1);
    await control('POST', '/reset');
    expect(emulator.engine.getAccount(other)).toBeUndefined();
    expect((await control('GET', '/requests')).body.requests).toEqual([]);
  });

  it('seeds rooms, participants and tracks from a fixture, all or nothing', async () => {
    const { client, control, emulator } = start();
    const fixture = {
      accounts: [
        {
          sid: emulator.credentials.accountSid,
          rooms: [
            {
              uniqueName: 'seeded',
              participants: [
                { identity: 'alice', tracks: [{ kind: 'audio', name: 'mic' }] },
                { identity: 'bob' },
              ],
            },
            { uniqueName: 'over', status: 'completed' },
          ],
        },
      ],
    };
    const seeded = await control('POST', '/seed', fixture);
    expect(seeded.status).toBe(200);
    const participants = await client.video.v1.rooms('seeded').participants.list();
    expect(participants.map((participant) => participant.identity)).toEqual(['alice', 'bob']);
    expect(await client.video.v1.rooms('seeded').participants('alice').publishedTracks.list()).toHaveLength(
      1,
    );
    expect(
      (await client.video.v1.rooms.list({ status: 'completed' })).map((room) => room.uniqueName),
    ).toEqual(['over']);

    const before = await control('GET', '/state');
    const broken = { accounts: [{ rooms: [{ uniqueName: 'half' }, { uniqueName: 'half' }] }] };
    expect(await control('POST', '/seed', broken)).toMatchObject({ status: 400, body: { code: 53113 } });
    expect(await control('POST', '/seed', { accounts: [{ rooms: [{ colour: 'red' }] }] })).toMatchObject({
      status: 400,
      body: { code: 20001 },
    });
    expect((await control('GET', '/state')).body.accounts).toEqual(before.body.accounts);
  });

  it('logs requests with their parameters, status and error code, filtered', async () => {
    const { client, control } = start();
    await client.video.v1.rooms.create({ uniqueName: 'logged' });
    await client.video.v1
      .rooms('nope')
      .fetch()
      .catch(() => undefined);
    const all = (await control('GET', '/requests')).body.requests as {
      method: string;
      path: string;
      params: string[][];
      status: number;
      errorCode: number | null;
    }[];
    expect(all.map((entry) => [entry.method, entry.path, entry.status, entry.errorCode])).toEqual([
      ['POST', '/v1/Rooms', 201, null],
      ['GET', '/v1/Rooms/nope', 404, 20404],
    ]);
    expect(all[0]?.params).toEqual([['UniqueName', 'logged']]);
    const failed = (await control('GET', '/requests?ErrorCode=20404')).body.requests as unknown[];
    expect(failed).toHaveLength(1);
  });

  it('lists engine events and status callbacks, filtered by room', async () => {
    const { client, control } = start();
    const room = await client.video.v1.rooms.create({ uniqueName: 'watched' });
    await client.video.v1.rooms.create();
    const events = (await control('GET', `/events?RoomSid=${room.sid}`)).body.events as { name: string }[];
    expect(events.map((event) => event.name)).toEqual(['room-created']);
    expect((await control('GET', '/status-callbacks')).body.status_callbacks).toEqual([]);
  });

  it('injects a chosen Twilio error for the next N matching requests, then stops', async () => {
    const { client, control } = start();
    const fault = await control('POST', '/faults', {
      method: 'POST',
      path: '/v1/Rooms',
      errorCode: 53103,
      times: 2,
    });
    expect(fault).toMatchObject({ status: 200, body: { kind: 'rest', times: 2 } });
    await expect(client.video.v1.rooms.create()).rejects.toMatchObject({ status: 400, code: 53103 });
    await expect(client.video.v1.rooms.list()).resolves.toEqual([]);
    await expect(client.video.v1.rooms.create()).rejects.toMatchObject({ code: 53103 });
    await expect(client.video.v1.rooms.create()).resolves.toMatchObject({ status: 'in-progress' });
    expect((await control('GET', '/faults')).body.faults).toEqual([]);
  });

  it("answers 429 with Retry-After, which the twilio client's autoRetry rides out", async () => {
    const { control, emulator } = start();
    // autoRetry lives in the library's own HTTP client, so this goes over HTTP.
    const server = await startServer({ emulator });
    try {
      const { accountSid, authToken } = emulator.credentials;
      const client = twilio(accountSid, authToken, {
        httpClient: emulatorHttpClient(server.url, { autoRetry: true, maxRetryDelay: 50 }),
      });
      await control('POST', '/faults', {
        path: '/v1/Rooms',
        errorCode: 20429,
        retryAfterSeconds: 1,
        times: 2,
      });
      const limited = await fetch(`${server.url}/v1/Rooms`, {
        headers: { authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
      });
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
      const room = await client.video.v1.rooms.create({ uniqueName: 'patient' });
      expect(room.uniqueName).toBe('patient');
      const log = (await control('GET', '/requests')).body.requests as { status: number }[];
      expect(log.map((entry) => entry.status)).toEqual([429, 429, 201]);
    } finally {
      await server.close();
    }
  });

  it('applies a fault at a rate, and adds latency', async () => {
    const draws = [0.1, 0.9, 0.2];
    const { client, control } = start({ random: () => draws.shift() ?? 1 });
    await control('POST', '/faults', { errorCode: 20500, rate: 0.5 });
    const outcomes = [];
    for (let index = 0; index < 3; index++) {
      outcomes.push(
        await client.video.v1.rooms.list().then(
          () => 'ok',
          (error: { code: number }) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual([20500, 'ok', 20500]);
    await control('DELETE', '/faults');
    await control('POST', '/faults', { latencyMs: 150, times: 1 });
    const started = performance.now();
    await client.video.v1.rooms.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops or delays status callbacks on purpose', async () => {
    const { client, control, emulator } = start({
      statusCallbacks: { fetch: async () => new Response('ok') },
    });
    await control('POST', '/faults', { kind: 'webhook', action: 'drop', event: 'room-created', times: 1 });
    await control('POST', '/faults', { kind: 'webhook', action: 'delay', delayMs: 100, event: 'room-ended' });
    const room = await client.video.v1.rooms.create({ statusCallback: 'https://hooks.example.com/x' });
    await client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await emulator.statusCallbacks.idle();
    const ended = emulator.statusCallbacks.deliveries().find((delivery) => delivery.event === 'room-ended');
    // The delay sits between queueing and the first attempt (timers may fire a millisecond early).
    expect((ended?.attempts[0]?.startedAt ?? 0) - (ended?.queuedAt ?? 0)).toBeGreaterThanOrEqual(95);
    expect(emulator.statusCallbacks.deliveries().map((delivery) => [delivery.event, delivery.state])).toEqual(
      [
        ['room-created', 'dropped'],
        ['room-ended', 'delivered'],
      ],
    );
  });

  it.each([
    ['POST', '/clock', { advanceMs: -5 }, 400, 20001],
    ['POST', '/clock', { advance: 'soon' }, 400, 20001],
    ['PUT', '/state', { format: 'something else' }, 400, 20001],
    ['POST', '/faults', { errorCode: 99999 }, 400, 20001],
    ['POST', '/faults', { kind: 'webhook', action: 'explode' }, 400, 20001],
    ['POST', '/faults', { kind: 'insights', action: 'explode' }, 400, 20001],
    ['POST', '/faults', { kind: 'insights', action: 'stall', roomSid: 'standup' }, 400, 20001],
    ['POST', '/faults', {}, 400, 20001],
    ['DELETE', '/faults/FT9999', undefined, 404, 20404],
    ['GET', '/nothing-here', undefined, 404, 20404],
    ['DELETE', '/clock', undefined, 405, 20004],
    ['POST', '/tokens/verify', { token: 'not.a.token' }, 401, 20101],
    ['POST', '/reset?AccountSid=AC00000000000000000000000000000000', undefined, 404, 20404],
  ] as const)(
    '%s %s with bad input answers %i/%i and changes nothing',
    async (method, path, body, status, code) => {
      const { control } = start();
      const before = await control('GET', '/state');
      expect(await control(method, path, body)).toMatchObject({ status, body: { code } });
      expect((await control('GET', '/state')).body).toEqual(before.body);
    },
  );

  it('refuses a body that is not JSON', async () => {
    const { emulator } = start();
    const response = await emulator.handle(
      new Request(`${origin}/_roomlab/seed`, { method: 'POST', body: '{nope' }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 20001 });
  });

  it("forces a participant's network quality level, and stops forcing it; bad values change nothing", async () => {
    const { emulator, control } = start();
    const { accountSid } = emulator.credentials;
    const room = emulator.engine.createRoom({ accountSid }, { uniqueName: 'net' });
    const alice = emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    const path = `/network?ParticipantSid=${alice.sid}`;
    const forced = await control('POST', path, { level: 2 });
    expect(forced).toMatchObject({ status: 200, body: { participantSid: alice.sid, level: 2 } });
    for (const bad of [{ level: 0 }, { level: 6 }, { level: 2.5 }, { level: '3' }, {}]) {
      expect((await control('POST', path, bad)).body, JSON.stringify(bad)).toMatchObject({ code: 20001 });
    }
    expect(alice.networkQualityLevel).toBe(2);
    expect(
      (await control('POST', `/network?ParticipantSid=PA${'0'.repeat(32)}`, { level: 3 })).body,
    ).toMatchObject({
      code: 20404,
    });
    expect((await control('DELETE', path)).body).toEqual({
      participantSid: alice.sid,
      level: null,
      conditions: null,
    });
    expect(alice.networkQualityLevel).toBeNull();
  });
});
