import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientSession, directMode } from '../test-support/modes.js';

/** The request carries the X-Twilio-Signature that Twilio's own `validateRequest` accepts for `authToken`. */
function expectSignedBy(
  authToken: string,
  request: { url: string; headers: Record<string, unknown>; params: Record<string, string> },
): void {
  const signature = String(request.headers['x-twilio-signature']);
  expect(twilio.validateRequest(authToken, signature, request.url, request.params)).toBe(true);
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
}

/** A webhook receiver on loopback that records what reaches it and answers as `answer` says. */
async function receiver(answer: (index: number) => number = () => 204) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = `http://${request.headers.host}${request.url}`;
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      received.push({
        method: request.method ?? '',
        url,
        headers: request.headers,
        params: Object.fromEntries(body),
      });
      response.statusCode = answer(received.length - 1);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('status callbacks', () => {
  let session: ClientSession;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it("posts every event of a room's life, in order, with Twilio's parameters and a valid signature", async () => {
    session = await directMode.start();
    const hook = await receiver();
    cleanups.push(hook.close);
    const { accountSid, authToken } = session.emulator.credentials;
    const { engine } = session.emulator;
    const room = await session.client.video.v1.rooms.create({
      uniqueName: 'callbacks',
      statusCallback: `${hook.base}/events?tenant=7`,
    });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    const mic = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    engine.setTrackEnabled({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid }, false);
    engine.setTrackEnabled({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid }, true);
    session.clock.advance(42_000);
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await session.emulator.statusCallbacks.idle();

    expect(hook.received.map((request) => request.params.StatusCallbackEvent)).toEqual([
      'room-created',
      'participant-connected',
      'track-added',
      'track-disabled',
      'track-enabled',
      'track-removed',
      'participant-disconnected',
      'room-ended',
    ]);
    expect(hook.received.map((request) => request.params.SequenceNumber)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    for (const request of hook.received) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expectSignedBy(authToken, request);
      expect(request.params).toMatchObject({
        AccountSid: accountSid,
        RoomSid: room.sid,
        RoomName: 'callbacks',
        RoomType: 'group',
      });
      expect(request.params.Timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const [created, connected, added, , , , disconnected, ended] = hook.received.map(
      (request) => request.params,
    );
    expect(created).toMatchObject({ RoomStatus: 'in-progress' });
    expect(connected).toMatchObject({
      ParticipantSid: alice.sid,
      ParticipantIdentity: 'alice',
      ParticipantStatus: 'connected',
    });
    expect(added).toMatchObject({ ParticipantSid: alice.sid, TrackSid: mic.sid, TrackKind: 'audio' });
    expect(disconnected).toMatchObject({ ParticipantStatus: 'disconnected', ParticipantDuration: '42' });
    expect(ended).toMatchObject({ RoomStatus: 'completed', RoomDuration: '42' });
    expect(
      session.emulator.statusCallbacks.deliveries().every((delivery) => delivery.state === 'delivered'),
    ).toBe(true);
  });

  it('calls with GET and the parameters in the query when the room says so, and twilio.webhook() accepts it', async () => {
    session = await directMode.start();
    const { authToken } = session.emulator.credentials;
    const seen: string[] = [];
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.all('/hook', twilio.webhook(authToken, { protocol: 'http' }), (request, response) => {
      seen.push(String(request.query.StatusCallbackEvent));
      response.sendStatus(200);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const room = await session.client.video.v1.rooms.create({
      statusCallback: url,
      statusCallbackMethod: 'GET',
    });
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await session.emulator.statusCallbacks.idle();
    expect(seen).toEqual(['room-created', 'room-ended']);
    expect(
      session.emulator.statusCallbacks.deliveries().map((delivery) => delivery.attempts[0]?.status),
    ).toEqual([200, 200]);
  });

  it('retries as the URL fragment says after the receiver fails, and records every attempt', async () => {
    session = await directMode.start({ statusCallbacks: { retryDelayMs: 10 } });
    const hook = await receiver((index) => (index === 0 ? 503 : 200));
    cleanups.push(hook.close);
    const room = await session.client.video.v1.rooms.create({
      statusCallback: `${hook.base}/flaky#rc=2&rp=5xx`,
    });
    await session.emulator.statusCallbacks.idle();
    const [delivery] = session.emulator.statusCallbacks.deliveries();
    expect(delivery).toMatchObject({ state: 'delivered', event: 'room-created', roomSid: room.sid });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]?.headers['i-twilio-idempotency-token']).toBe(
      hook.received[1]?.headers['i-twilio-idempotency-token'],
    );
    expect(hook.received[0]?.url).toBe(`${hook.base}/flaky`);
  });

  it('does not retry a 5xx by default (Twilio retries only failed connections), and keeps the failure on record', async () => {
    session = await directMode.start({ statusCallbacks: { retryDelayMs: 10 } });
    const hook = await receiver(() => 500);
    cleanups.push(hook.close);
    await session.client.video.v1.rooms.create({ statusCallback: `${hook.base}/down` });
    await session.emulator.statusCallbacks.idle();
    expect(session.emulator.statusCallbacks.deliveries()[0]).toMatchObject({
      state: 'failed',
      attempts: [{ status: 500 }],
    });
  });

  it('retries a refused connection once, then goes on with the next event in order', async () => {
    session = await directMode.start({ statusCallbacks: { retryDelayMs: 10 } });
    const closed = await receiver();
    await closed.close(); // nothing listens on this port any more
    const room = await session.client.video.v1.rooms.create({ statusCallback: `${closed.base}/gone` });
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await session.emulator.statusCallbacks.idle();
    const deliveries = session.emulator.statusCallbacks.deliveries();
    expect(deliveries.map((delivery) => [delivery.event, delivery.state, delivery.attempts.length])).toEqual([
      ['room-created', 'failed', 2],
      ['room-ended', 'failed', 2],
    ]);
    expect(deliveries[0]?.attempts[0]?.error).toMatch(/could not connect/);
  });

  it('keeps failed deliveries, and redelivers them in order once the receiver is back', async () => {
    let down = true;
    session = await directMode.start({
      statusCallbacks: {
        retryDelayMs: 10,
        fetch: (input, init) =>
          down ? Promise.reject(new TypeError('connect ECONNREFUSED')) : fetch(input, init),
      },
    });
    const hook = await receiver();
    cleanups.push(hook.close);
    const room = await session.client.video.v1.rooms.create({ statusCallback: `${hook.base}/later` });
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await session.emulator.statusCallbacks.idle();
    expect(session.emulator.control.statusCallbacks({ state: 'failed' })).toHaveLength(2);

    down = false;
    const response = await session.emulator.handle(
      new Request(`https://video.twilio.com/_roomlab/status-callbacks/redeliver?RoomSid=${room.sid}`, {
        method: 'POST',
      }),
    );
    expect(await response.json()).toEqual({ redelivered: 2 });
    await session.emulator.statusCallbacks.idle();
    expect(hook.received.map((request) => request.params.StatusCallbackEvent)).toEqual([
      'room-created',
      'room-ended',
    ]);
    const { authToken } = session.emulator.credentials;
    for (const request of hook.received) {
      expectSignedBy(authToken, request);
    }
    expect(
      session.emulator.statusCallbacks
        .deliveries()
        .map((delivery) => [delivery.state, delivery.attempts.length]),
    ).toEqual([
      ['delivered', 3],
      ['delivered', 3],
    ]);
  });

  it('never holds up the engine while a receiver is slow', async () => {
    session = await directMode.start();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = createServer(async (_request, response) => {
      await gate;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    const room = await session.client.video.v1.rooms.create({ statusCallback: url });
    const alice = session.emulator.engine.connectParticipant(
      { accountSid: session.emulator.credentials.accountSid, room: room.sid },
      { identity: 'alice' },
    );
    expect((await session.client.video.v1.rooms(room.sid).participants.list()).map((p) => p.sid)).toEqual([
      alice.sid,
    ]);
    expect(session.emulator.statusCallbacks.deliveries().map((delivery) => delivery.state)).toEqual([
      'pending',
      'pending',
    ]);
    release();
    await session.emulator.statusCallbacks.idle();
    expect(session.emulator.statusCallbacks.deliveries().map((delivery) => delivery.state)).toEqual([
      'delivered',
      'delivered',
    ]);
  });
});
