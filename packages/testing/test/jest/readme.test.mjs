// The README's example under jest, as a user writes it: the built package, plain ESM, matchers from
// installMatchers(expect) in the setup file. Once in process (msw) and once on a loopback port.
import { startEmulator } from '@roomlab/testing';

describe.each(['in-process', 'server'])('startEmulator({ mode: %p }) under jest', (mode) => {
  let roomlab;
  beforeAll(async () => {
    roomlab = await startEmulator({ mode });
  });
  afterAll(() => roomlab.stop());

  test('a scripted participant joins the room my app created, and my webhook hears it', async () => {
    expect(roomlab.url).toEqual(
      mode === 'server' ? expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/) : 'https://video.twilio.com',
    );
    const hooks = await roomlab.webhooks();
    const room = await roomlab.client.video.v1.rooms.create({
      uniqueName: 'standup',
      statusCallback: hooks.url,
    });
    expect(room.sid).toMatch(/^RM[0-9a-f]{32}$/);

    const alice = await roomlab.join('alice', { room: 'standup', tracks: [{ kind: 'audio', name: 'mic' }] });
    await expect(roomlab.client.video.v1.rooms(room.sid)).toHaveParticipant('alice');
    await expect(roomlab.client.video.v1.rooms('standup')).toHaveParticipant('alice');
    await hooks.waitFor('track-added');
    expect(hooks).toHaveReceivedWebhook('participant-connected', { ParticipantIdentity: 'alice' });
    expect(hooks).not.toHaveReceivedWebhook('participant-connected', { ParticipantIdentity: 'bob' });

    await alice.disconnect();
    await expect(roomlab.client.video.v1.rooms(room.sid)).not.toHaveParticipant('alice');
  });

  test('a failing matcher says who is connected and what was received', async () => {
    const hooks = await roomlab.webhooks();
    await roomlab.client.video.v1.rooms.create({ uniqueName: 'retro', statusCallback: hooks.url });
    await roomlab.join('bob', { room: 'retro' });
    await hooks.waitFor('participant-connected');

    await expect(expect(roomlab.client.video.v1.rooms('retro')).toHaveParticipant('nobody')).rejects.toThrow(
      'expected nobody to be connected to the room; connected: bob',
    );
    await expect(expect(roomlab.client.video.v1.rooms('retro')).not.toHaveParticipant('bob')).rejects.toThrow(
      'expected bob not to be connected to the room',
    );
    expect(() => expect(hooks).toHaveReceivedWebhook('room-ended')).toThrow(
      /^expected a room-ended webhook; received: room-created, participant-connected/,
    );
  });
});
