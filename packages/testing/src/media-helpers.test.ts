import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';

/** Every Matroska file (WebM included) starts with the EBML header's ID. */
const ebmlMagic = [0x1a, 0x45, 0xdf, 0xa3];

describe.each(['in-process', 'server'] as const)('media helpers (%s)', (mode) => {
  let roomlab: TestEmulator;
  afterEach(async () => {
    await roomlab.stop();
  });

  /** A room that records on connect, with alice publishing a microphone (and more) in it. */
  async function recordedRoom(tracks: { kind: 'audio' | 'video'; name: string }[]) {
    const room = await roomlab.client.video.v1.rooms.create({
      uniqueName: 'interview',
      recordParticipantsOnConnect: true,
    });
    const alice = await roomlab.join('alice', { room: 'interview', tracks });
    await alice.waitFor(() => alice.published.size === tracks.length);
    return { room, alice };
  }

  it('wait for a completed room’s recordings and read their files: silence and a test pattern of the room’s length', async () => {
    roomlab = await startEmulator({ mode });
    const { room, alice } = await recordedRoom([
      { kind: 'audio', name: 'mic' },
      { kind: 'video', name: 'camera' },
    ]);
    roomlab.advanceClock(3_000);
    await roomlab.client.video.v1.rooms(room.sid).update({ status: 'completed' });

    const recordings = await roomlab.media.roomRecordingsFinished(room.sid);
    const byType = (type: string) => recordings.find((recording) => recording.type === type);
    expect(recordings).toHaveLength(2);
    expect(byType('audio')).toMatchObject({
      status: 'completed',
      sourceSid: alice.published.get('mic'),
      trackName: 'mic',
      codec: 'OPUS',
      containerFormat: 'mka',
      duration: 3,
    });
    expect(byType('video')).toMatchObject({
      status: 'completed',
      sourceSid: alice.published.get('camera'),
      trackName: 'camera',
      codec: 'VP8',
      containerFormat: 'mkv',
      duration: 3,
    });
    for (const recording of recordings) {
      // What the helpers say is what an app reads through REST.
      const fetched = await roomlab.client.video.v1.recordings(recording.sid).fetch();
      expect(fetched).toMatchObject({ status: 'completed', size: recording.size, duration: 3 });
      const file = await roomlab.media.readMedia(recording.sid);
      expect([...file.bytes.subarray(0, 4)]).toEqual(ebmlMagic);
      expect(file.bytes.length).toBe(recording.size);
      expect(file.contentType).toBe(recording.type === 'audio' ? 'audio/x-matroska' : 'video/x-matroska');
    }
  }, 60_000);

  it('wait for a composition of the room’s audio and read its file', async () => {
    roomlab = await startEmulator({ mode });
    const { room } = await recordedRoom([{ kind: 'audio', name: 'mic' }]);
    roomlab.advanceClock(2_000);
    await roomlab.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await roomlab.media.roomRecordingsFinished(room.sid);

    const created = await roomlab.client.video.v1.compositions.create({
      roomSid: room.sid,
      audioSources: ['*'],
    });
    expect(created.status).toBe('enqueued');
    const composition = await roomlab.media.compositionFinished(created.sid);
    // WebM is Twilio's default format, and Matroska too.
    expect(composition).toEqual({
      sid: created.sid,
      status: 'completed',
      format: 'webm',
      duration: 2,
      size: expect.any(Number),
    });
    expect((await roomlab.client.video.v1.compositions(created.sid).fetch()).size).toBe(composition.size);
    const file = await roomlab.media.readMedia(created.sid);
    expect([...file.bytes.subarray(0, 4)]).toEqual(ebmlMagic);
    expect(file.bytes.length).toBe(composition.size);
    expect(file.contentType).toBe('video/webm');
  }, 60_000);

  it('keep waiting while the room still records, and give the files once the rules stop it', async () => {
    roomlab = await startEmulator({ mode });
    const { room } = await recordedRoom([{ kind: 'audio', name: 'mic' }]);
    await expect(roomlab.media.roomRecordingsFinished(room.sid, { timeoutMs: 200 })).rejects.toThrow(
      `timed out after 200 ms waiting for the recordings of room ${room.sid} to finish`,
    );
    const [recording] = await roomlab.client.video.v1.recordings.list({ groupingSid: [room.sid] });
    await expect(roomlab.media.readMedia(recording?.sid ?? '')).rejects.toThrow(
      `/v1/Recordings/${recording?.sid}/Media answered 404`,
    );

    const finished = roomlab.media.roomRecordingsFinished(room.sid);
    roomlab.advanceClock(1_500);
    await roomlab.client.video.v1
      .rooms(room.sid)
      .recordingRules.update({ rules: [{ type: 'exclude', all: true }] });
    expect(await finished).toEqual([
      expect.objectContaining({ sid: recording?.sid, status: 'completed', duration: 2 }),
    ]);
    expect((await roomlab.client.video.v1.rooms(room.sid).fetch()).status).toBe('in-progress');
  }, 60_000);
});

describe('media helpers on an unknown SID', () => {
  it('reject at once with Twilio’s 20404, leaving no timer behind', async () => {
    const roomlab = await startEmulator();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const unknown = 'CJ00000000000000000000000000000000';
      await expect(roomlab.media.compositionFinished(unknown)).rejects.toMatchObject({ code: 20404 });
      await expect(
        roomlab.media.roomRecordingsFinished('RM00000000000000000000000000000000'),
      ).rejects.toMatchObject({
        code: 20404,
      });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
      await roomlab.stop();
    }
  });
});

describe.each(['in-process', 'server'] as const)('stop() (%s)', (mode) => {
  it('removes the media files it made, after those still being written are done', async () => {
    // The emulator's temporary data directory goes where os.tmpdir() says.
    const tmp = await mkdtemp(join(tmpdir(), 'roomlab-testing-'));
    vi.stubEnv('TMPDIR', tmp);
    try {
      const roomlab = await startEmulator({ mode });
      vi.unstubAllEnvs();
      expect(await readdir(tmp)).toEqual([expect.stringMatching(/^roomlab-media-/)]);
      await roomlab.client.video.v1.rooms.create({ uniqueName: 'kept', recordParticipantsOnConnect: true });
      const alice = await roomlab.join('alice', {
        room: 'kept',
        tracks: [{ kind: 'video', name: 'camera' }],
      });
      await alice.waitFor(() => alice.published.size === 1);
      roomlab.advanceClock(10_000);
      await roomlab.client.video.v1.rooms('kept').update({ status: 'completed' });
      // Ten seconds of test pattern take ffmpeg a while: stop() comes before they are written.
      await roomlab.stop();
      expect(await readdir(tmp)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
