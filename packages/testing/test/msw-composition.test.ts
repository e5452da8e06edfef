// startEmulator({ msw: server }): roomlab answers through the app's own msw server.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { roomlabHandlers, startEmulator, type TestEmulator } from '../src/index.js';

const appHandlers = [
  http.get('https://api.example.com/user', () => HttpResponse.json({ name: 'ada' })),
  // The app mocks Twilio's SMS itself: its handler for a Twilio URL wins over roomlab's.
  http.post('https://api.twilio.com/2010-04-01/Accounts/:accountSid/Messages.json', () =>
    HttpResponse.json({ sid: `SM${'0'.repeat(32)}`, status: 'queued' }, { status: 201 }),
  ),
];
const user = () => fetch('https://api.example.com/user').then((response) => response.json());

describe('through the app’s server, which answers its own API and errs on anything unhandled', () => {
  const server = setupServer(...appHandlers);
  let roomlab: TestEmulator;
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    roomlab = await startEmulator({ msw: server });
  });
  afterEach(() => server.resetHandlers());
  afterAll(async () => {
    await roomlab.stop();
    server.close();
  });

  test('the app’s own twilio client and its mocked API both answer, and a handler of its own for a test', async () => {
    const app = twilio(roomlab.accountSid, roomlab.authToken);
    expect((await app.video.v1.rooms.create({ uniqueName: 'first' })).uniqueName).toBe('first');
    server.use(http.get('https://api.example.com/user', () => HttpResponse.json({ name: 'grace' })));
    expect(await user()).toEqual({ name: 'grace' });
    const sms = await app.messages.create({ to: '+15005550006', from: '+15005550001', body: 'hi' });
    expect(sms.status).toBe('queued');
    await expect(fetch('https://elsewhere.example.com/')).rejects.toThrow(/Cannot bypass a request/);
  });

  test('after resetHandlers(), Twilio still answers, scripted participants join and webhooks arrive', async () => {
    expect(await user()).toEqual({ name: 'ada' });
    const hooks = await roomlab.webhooks();
    const room = await roomlab.client.video.v1.rooms.create({
      uniqueName: 'second',
      statusCallback: hooks.url,
    });
    const alice = await roomlab.join('alice', { room: 'second' });
    await hooks.waitFor('participant-connected');
    expect(alice.roomSid).toBe(room.sid);
    expect(
      (await roomlab.client.video.v1.rooms.list({ status: 'in-progress' })).map((each) => each.uniqueName),
    ).toEqual(['second', 'first']);
  });
});

test('stop() leaves the app’s server as it was: its handlers, and its strategy for Twilio’s hosts', async () => {
  const server = setupServer(...appHandlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const roomlab = await startEmulator({ msw: server });
    expect(server.listHandlers()).toHaveLength(appHandlers.length + 1);
    server.resetHandlers();
    await roomlab.client.video.v1.rooms.create({ uniqueName: 'kept' });
    await roomlab.stop();
    expect(server.listHandlers()).toEqual(appHandlers);
    await expect(fetch('https://video.twilio.com/v1/Rooms')).rejects.toThrow(/Cannot bypass a request/);
    expect(await user()).toEqual({ name: 'ada' });
  } finally {
    server.close();
  }
});

test('roomlabHandlers() in the app’s setupServer: used as they are, and matching nothing while no emulator runs', async () => {
  const handlers = [...appHandlers, ...roomlabHandlers()];
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await expect(fetch('https://video.twilio.com/v1/Rooms')).rejects.toThrow(/Cannot bypass a request/);
    const roomlab = await startEmulator({ msw: server });
    expect(server.listHandlers()).toEqual(handlers);
    expect((await roomlab.client.video.v1.rooms.create({ uniqueName: 'composed' })).uniqueName).toBe(
      'composed',
    );
    await roomlab.stop();
    expect(server.listHandlers()).toEqual(handlers);
    await expect(fetch('https://video.twilio.com/v1/Rooms')).rejects.toThrow(/Cannot bypass a request/);
  } finally {
    server.close();
  }
});

test('a server of an older msw, which would ignore roomlab’s handlers, is refused with what to do', async () => {
  const older = { listHandlers: () => [{ __kind: 'RequestHandler' }], resetHandlers: () => undefined };
  await expect(startEmulator({ msw: older })).rejects.toThrow(/older msw .* upgrade msw/);
});
