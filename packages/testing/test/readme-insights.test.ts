// The README's "Post-call reports" example, run as written.
import { manualClock } from '@roomlab/core';
import { startEmulator, type TestEmulator } from '@roomlab/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

let roomlab: TestEmulator;
beforeAll(async () => {
  // Time moves only when the test says, so durations are exact.
  roomlab = await startEmulator({ clock: manualClock() });
});
afterAll(() => roomlab.stop());

test('my post-call report reads who came, for how long, and how each left', async () => {
  const alice = await roomlab.join('alice', { room: 'standup' });
  const bob = await roomlab.join('bob', { room: 'standup' });
  roomlab.advanceClock(30_000);
  await bob.disconnect();
  roomlab.advanceClock(15_000);
  await roomlab.client.video.v1.rooms(alice.roomSid).update({ status: 'completed' });

  const report = roomlab.client.insights.v1.rooms(alice.roomSid);
  expect(await report.fetch()).toMatchObject({
    createdMethod: 'ad_hoc', // made by the first join
    endReason: 'room_ended_via_api',
    durationSec: 45,
    uniqueParticipants: 2,
    maxConcurrentParticipants: 2,
    totalParticipantDurationSec: 75,
    processingState: 'in_progress',
  });
  const people = await report.participants.list();
  expect(people.map((p) => [p.participantIdentity, p.durationSec, p.endReason, p.errorCode])).toEqual([
    ['alice', 45, 'room_ended_via_api', 53118],
    ['bob', 30, 'disconnected_via_api', null],
  ]);

  roomlab.advanceClock(10 * 60_000); // Twilio's usual summarization time
  expect((await report.fetch()).processingState).toBe('complete');
});
