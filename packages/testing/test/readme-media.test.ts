// The README's recording example, as a user writes it (it runs in this package's own test suite).
import { startEmulator, type TestEmulator } from '@roomlab/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

let roomlab: TestEmulator;
beforeAll(async () => {
  roomlab = await startEmulator();
});
afterAll(() => roomlab.stop());

test('my app records an interview, then composes its audio into one file', async () => {
  const room = await roomlab.client.video.v1.rooms.create({
    uniqueName: 'interview',
    recordParticipantsOnConnect: true,
  });
  const alice = await roomlab.join('alice', { room: 'interview', tracks: [{ kind: 'audio', name: 'mic' }] });
  const bob = await roomlab.join('bob', { room: 'interview', tracks: [{ kind: 'audio', name: 'mic' }] });
  await alice.waitFor(() => alice.published.has('mic'));
  await bob.waitFor(() => bob.published.has('mic'));
  roomlab.advanceClock(30_000); // half a minute of interview, on the emulator's clock
  await roomlab.client.video.v1.rooms(room.sid).update({ status: 'completed' });

  // Files take a moment to be written after the room ends.
  const recordings = await roomlab.media.roomRecordingsFinished(room.sid);
  expect(recordings).toHaveLength(2);
  for (const recording of recordings) {
    expect(recording).toMatchObject({ status: 'completed', type: 'audio', codec: 'OPUS', duration: 30 });
    const file = await roomlab.media.readMedia(recording.sid); // GET /Media, then the link it redirects to
    expect(file.contentType).toBe('audio/x-matroska');
    expect(file.bytes.length).toBe(recording.size);
  }

  const { sid } = await roomlab.client.video.v1.compositions.create({
    roomSid: room.sid,
    audioSources: ['*'],
  });
  const composition = await roomlab.media.compositionFinished(sid);
  expect(composition).toMatchObject({ status: 'completed', format: 'webm', duration: 30 });
  expect((await roomlab.media.readMedia(sid)).bytes.length).toBe(composition.size);
});
