import { afterEach, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';

let roomlab: TestEmulator;
afterEach(() => roomlab.stop());

it('summarizes a room that scripted participants made by joining, and how each of them left', async () => {
  roomlab = await startEmulator();
  const alice = await roomlab.join('alice', { room: 'corridor' });
  const bob = await roomlab.join('bob', { room: 'corridor' });
  await bob.disconnect();
  const room = await roomlab.client.insights.v1.rooms(alice.roomSid).fetch();
  expect(room).toMatchObject({
    roomName: 'corridor',
    createdMethod: 'ad_hoc',
    roomStatus: 'in_progress',
    endReason: null,
    uniqueParticipants: 2,
    uniqueParticipantIdentities: 2,
    concurrentParticipants: 1,
    maxConcurrentParticipants: 2,
  });
  await roomlab.client.video.v1.rooms(alice.roomSid).update({ status: 'completed' });
  const participants = await roomlab.client.insights.v1.rooms(alice.roomSid).participants.list();
  expect(
    Object.fromEntries(participants.map((summary) => [summary.participantIdentity, summary.endReason])),
  ).toEqual({ alice: 'room_ended_via_api', bob: 'disconnected_via_api' });
  // What the scripted client said of itself at connect, and the edge it chose (none: roaming).
  expect(participants[0]).toMatchObject({
    edgeLocation: 'roaming',
    codecs: null,
    publisherInfo: { name: 'roomlab-scripted', sdk_version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
  });
  expect((await roomlab.client.insights.v1.rooms(alice.roomSid).fetch()).endReason).toBe(
    'room_ended_via_api',
  );
});

it('says sdk for a room a client made by connecting without naming one', async () => {
  roomlab = await startEmulator();
  const carol = await roomlab.join('carol');
  const room = await roomlab.client.insights.v1.rooms(carol.roomSid).fetch();
  expect(room).toMatchObject({ createdMethod: 'sdk', roomName: carol.roomSid, uniqueParticipants: 1 });
});
