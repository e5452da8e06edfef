// The README's example, as a user writes it (it runs in this package's own test suite).
import { startEmulator, type TestEmulator } from '@roomlab/testing';
import '@roomlab/testing/vitest'; // the matchers (jest: installMatchers(expect))
import { afterAll, beforeAll, expect, test } from 'vitest';

let roomlab: TestEmulator;
beforeAll(async () => {
  roomlab = await startEmulator(); // msw answers https://video.twilio.com in this process
});
afterAll(() => roomlab.stop());

test('a scripted participant joins the room my app created, and my webhook hears it', async () => {
  const hooks = await roomlab.webhooks();
  const room = await roomlab.client.video.v1.rooms.create({
    uniqueName: 'standup',
    statusCallback: hooks.url,
  });

  const alice = await roomlab.join('alice', { room: 'standup', tracks: [{ kind: 'audio', name: 'mic' }] });
  await expect(roomlab.client.video.v1.rooms(room.sid)).toHaveParticipant('alice');
  await hooks.waitFor('track-added');
  expect(hooks).toHaveReceivedWebhook('participant-connected', { ParticipantIdentity: 'alice' });

  await alice.disconnect();
  await expect(roomlab.client.video.v1.rooms(room.sid)).not.toHaveParticipant('alice');
});
