import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { installMatchers } from './matchers.js';
import { startEmulator, type TestEmulator } from './start-emulator.js';

installMatchers(expect);

describe.each(['in-process', 'server'] as const)('startEmulator (%s)', (mode) => {
  let roomlab: TestEmulator;
  afterEach(async () => {
    await roomlab.stop();
  });

  it('binds a twilio client to the emulator', async () => {
    roomlab = await startEmulator({ mode });
    const room = await roomlab.client.video.v1.rooms.create({ uniqueName: 'bound' });
    expect(room.url.startsWith(roomlab.url)).toBe(true);
    expect((await roomlab.client.video.v1.rooms('bound').fetch()).sid).toBe(room.sid);
  });

  it('gives each test a fresh account that sees none of the others’ rooms', async () => {
    roomlab = await startEmulator({ mode });
    await roomlab.client.video.v1.rooms.create({ uniqueName: 'shared-name' });
    const mine = await roomlab.account();
    expect(await mine.client.video.v1.rooms.list()).toEqual([]);
    const other = await mine.client.video.v1.rooms.create({ uniqueName: 'shared-name' });
    expect(other.accountSid).toBe(mine.accountSid);
    const participant = await mine.join('zoe', { room: 'shared-name' });
    expect(participant.roomSid).toBe(other.sid);
  });

  it('lets scripted participants join, see each other, publish, mute and leave', async () => {
    roomlab = await startEmulator({ mode });
    const alice = await roomlab.join('alice', { room: 'team' });
    const bob = await roomlab.join('bob', { room: 'team' });
    await alice.waitFor(() => alice.participants.has(bob.sid));
    const sid = await bob.publish({ kind: 'video', name: 'camera' });
    await alice.waitFor(
      () => alice.participants.get(bob.sid)?.tracks.some((track) => track.sid === sid) === true,
    );
    bob.setEnabled('camera', false);
    await alice.waitFor(() => alice.participants.get(bob.sid)?.tracks[0]?.enabled === false);
    await expect(roomlab.client.video.v1.rooms('team')).toHaveParticipant('bob');
    await bob.disconnect();
    await alice.waitFor(() => !alice.participants.has(bob.sid));
    await expect(roomlab.client.video.v1.rooms('team')).not.toHaveParticipant('bob');
  });

  it('mints tokens the emulator accepts, which expire as its clock moves', async () => {
    roomlab = await startEmulator({ mode });
    const token = await roomlab.token('alice', { room: 'standup', ttl: 60 });
    expect(await roomlab.emulator.control.verifyToken(token, 'standup')).toMatchObject({
      identity: 'alice',
      room: 'standup',
    });
    roomlab.advanceClock(61_000);
    await expect(roomlab.emulator.control.verifyToken(token)).rejects.toMatchObject({ code: 20104 });
  });

  it('captures signed status callbacks, including those a moved clock causes', async () => {
    roomlab = await startEmulator({ mode });
    const hooks = await roomlab.webhooks();
    await roomlab.client.video.v1.rooms.create({
      uniqueName: 'timed',
      statusCallback: hooks.url,
      unusedRoomTimeout: 1,
    });
    const created = await hooks.waitFor('room-created');
    expect(
      twilio.validateRequest(
        roomlab.authToken,
        String(created.headers['x-twilio-signature']),
        created.url,
        created.params,
      ),
    ).toBe(true);
    roomlab.advanceClock(60_000);
    await hooks.waitFor('room-ended', (webhook) => webhook.params.RoomName === 'timed');
    expect(hooks).toHaveReceivedWebhook('room-ended', { RoomName: 'timed', RoomStatus: 'completed' });
    expect(hooks).not.toHaveReceivedWebhook('participant-connected');
  });
});

describe('the matchers', () => {
  it('explain what they saw when they fail', async () => {
    const roomlab = await startEmulator({ mode: 'server' });
    try {
      await roomlab.client.video.v1.rooms.create({ uniqueName: 'empty' });
      await expect(expect(roomlab.client.video.v1.rooms('empty')).toHaveParticipant('ghost')).rejects.toThrow(
        'expected ghost to be connected to the room; connected: nobody',
      );
      const hooks = await roomlab.webhooks();
      expect(() => expect(hooks).toHaveReceivedWebhook('room-ended')).toThrow(
        'expected a room-ended webhook; received: none',
      );
    } finally {
      await roomlab.stop();
    }
  });
});
