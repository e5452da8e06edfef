// The README's example of an app with its own msw server (it runs in this package's own test suite).
import { roomlabHandlers, startEmulator, type TestEmulator } from '@roomlab/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

// The app's server mocks its other APIs; roomlab's handlers go in its initial list, after the app's.
const server = setupServer(
  http.get('https://api.example.com/plan', () => HttpResponse.json({ maxParticipants: 4 })),
  ...roomlabHandlers(),
);

let roomlab: TestEmulator;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  roomlab = await startEmulator({ msw: server }); // roomlab answers through the app's server
});
afterEach(() => server.resetHandlers()); // roomlab's handlers are initial ones: they stay
afterAll(async () => {
  await roomlab.stop();
  server.close();
});

/** The app's own code: it reads its plan, then creates a room with its own twilio client. */
async function createMeeting(name: string) {
  const plan = (await (await fetch('https://api.example.com/plan')).json()) as { maxParticipants: number };
  const client = twilio(roomlab.accountSid, roomlab.authToken);
  return client.video.v1.rooms.create({ uniqueName: name, maxParticipants: plan.maxParticipants });
}

test('a test overrides the app’s API for itself', async () => {
  server.use(http.get('https://api.example.com/plan', () => HttpResponse.json({ maxParticipants: 2 })));
  expect((await createMeeting('small')).maxParticipants).toBe(2);
});

test('after resetHandlers(), both the app’s API and Twilio still answer', async () => {
  expect((await createMeeting('standup')).maxParticipants).toBe(4);
  const alice = await roomlab.join('alice', { room: 'standup' });
  expect(alice.roomName).toBe('standup');
});
