import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskMediaStorage } from '../media/disk-media-storage.js';
import { probeMedia } from '../test-support/ffprobe.js';
import { type ClientSession, mswMode, sessionPerTest } from '../test-support/modes.js';
import { mediaRoute, recordedRoom, roomRecordingAlice } from '../test-support/recorded-room.js';
import { expectRestError } from '../test-support/twilio-errors.js';

/**
 * Compositions through the official `twilio` client, rendered with ffmpeg from recordings of
 * participants that sent no media (silence and a test pattern), the files checked with ffprobe.
 */
let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'roomlab-compositions-test-'));
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

const grid = JSON.stringify({ grid: { video_sources: ['*'] } });

async function finished(session: ClientSession, sid: string) {
  const { accountSid } = session.emulator.credentials;
  const status = () => session.emulator.engine.getComposition({ accountSid, composition: sid }).status;
  await expect.poll(status, { timeout: 60_000, interval: 100 }).not.toMatch(/^(enqueued|processing)$/);
  return session.client.video.v1.compositions(sid).fetch();
}

async function download(session: ClientSession, sid: string, name: string) {
  const answer = await mediaRoute(session, `/v1/Compositions/${sid}/Media`);
  expect(answer.status).toBe(302);
  const file = join(scratch, name);
  await writeFile(
    file,
    new Uint8Array(await (await fetch(answer.headers.get('location') ?? '')).arrayBuffer()),
  );
  return probeMedia(file);
}

describe('Compositions through the twilio client', () => {
  const session = sessionPerTest(mswMode, {
    mediaStorage: diskMediaStorage(),
    statusCallbacks: { fetch: async () => new Response('ok') },
  });
  afterEach(() => session.emulator.mediaStorage.close());

  it('composes a grid with the mixed audio into an MP4 (H.264 + AAC) of the resolution asked for', async () => {
    const { room } = await recordedRoom(session);
    const created = await session.client.video.v1.compositions.create({
      roomSid: room.sid,
      videoLayout: JSON.parse(grid),
      audioSources: ['*'],
      resolution: '320x240',
      format: 'mp4',
      statusCallback: 'https://app.test/compositions',
    });
    expect(created).toMatchObject({
      status: 'enqueued',
      roomSid: room.sid,
      audioSources: ['*'],
      resolution: '320x240',
      format: 'mp4',
      trim: true,
      videoLayout: JSON.parse(grid),
      links: { media: `${session.origin}/v1/Compositions/${created.sid}/Media` },
    });
    const done = await finished(session, created.sid);
    expect(done).toMatchObject({ status: 'completed', duration: 3 });
    expect(done.size).toBeGreaterThan(0);
    expect(done.bitrate).toBeGreaterThan(0);
    const probed = await download(session, created.sid, 'grid.mp4');
    expect(probed.formatName).toMatch(/mp4/);
    expect(probed.streams.map((stream) => [stream.codecName, stream.width ?? null])).toEqual([
      ['h264', 320],
      ['aac', null],
    ]);
    expect(probed.durationS).toBeCloseTo(3, 0);
    const events = session.emulator.statusCallbacks
      .deliveries()
      .filter((delivery) => delivery.params.CompositionSid === created.sid)
      .map((delivery) => delivery.event);
    expect(events[0]).toBe('composition-started');
    expect(events.at(-1)).toBe('composition-available');
  });

  it("takes the Twilio guide's JSON body, audio only, as WebM by default, marked as a roomlab extension", async () => {
    const { room } = await recordedRoom(session);
    const { accountSid, authToken } = session.emulator.credentials;
    const answer = await fetch(`${session.origin}/v1/Compositions`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ roomSid: room.sid, audioSources: '*' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('roomlab-extension')).toMatch(/^json-body/);
    const { sid } = (await answer.json()) as { sid: string };
    expect((await finished(session, sid)).format).toBe('webm');
    const probed = await download(session, sid, 'audio.webm');
    expect(probed.streams.map((stream) => stream.codecName)).toEqual(['opus']);
  });

  it('deletes a finished composition, keeping the resource as deleted, and cancels a running one', async () => {
    const { room } = await recordedRoom(session);
    const compositions = session.client.video.v1.compositions;
    const made = await compositions.create({ roomSid: room.sid, audioSources: ['*'] });
    await finished(session, made.sid);
    expect(await compositions(made.sid).remove()).toBe(true);
    const deleted = await compositions(made.sid).fetch();
    expect([deleted.status, deleted.dateDeleted instanceof Date]).toEqual(['deleted', true]);
    expect((await mediaRoute(session, `/v1/Compositions/${made.sid}/Media`)).status).toBe(404);
    const running = await compositions.create({ roomSid: room.sid, videoLayout: JSON.parse(grid) });
    await compositions(running.sid).remove();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await compositions(running.sid).fetch()).status).toBe('deleted');
  });

  it('waits for recordings still being written, and fails (53628) when media it needs was deleted', async () => {
    const { accountSid } = session.emulator.credentials;
    const { engine } = session.emulator;
    const { room, roomRef, alice } = await roomRecordingAlice(session, 'fresh');
    engine.publishTrack({ ...roomRef, participant: alice.sid }, { kind: 'video', name: 'camera' });
    session.clock.advance(2000);
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    // Its recording's file is still being written (a test pattern takes ffmpeg a moment).
    expect(engine.listRecordings({ accountSid }, { roomSid: room.sid })[0]?.status).toBe('processing');
    const early = await session.client.video.v1.compositions.create({
      roomSid: room.sid,
      videoLayout: JSON.parse(grid),
    });
    expect((await finished(session, early.sid)).status).toBe('completed');

    const [recording] = engine.listRecordings({ accountSid }, { roomSid: room.sid });
    engine.deleteRecording({ accountSid, recording: recording?.sid ?? '' });
    const { room: other } = await recordedRoom(session);
    const [mic] = await session.client.video.v1.rooms(other.sid).recordings.list({ pageSize: 1 });
    await session.client.video.v1.recordings(mic?.sid ?? '').remove();
    const late = await session.client.video.v1.compositions.create({
      roomSid: other.sid,
      audioSources: ['*'],
    });
    expect((await finished(session, late.sid)).status).toBe('failed');
    const failure = session.emulator.engine
      .events()
      .find((event) => event.name === 'composition-failed' && event.composition?.sid === late.sid);
    expect(failure?.composition?.failure?.code).toBe(53628);
  });

  it('refuses bad parameters with Twilio errors and creates nothing', async () => {
    const { room } = await recordedRoom(session);
    const create = session.client.video.v1.compositions.create;
    const bad: [Parameters<typeof create>[0], number, RegExp?][] = [
      [{ roomSid: room.sid }, 20001, /either VideoLayout or AudioSources/],
      [{ roomSid: room.sid, videoLayout: '{not json' }, 20001, /VideoLayout/],
      [{ roomSid: room.sid, videoLayout: { grid: { z_pos: 500, video_sources: ['*'] } } }, 20001, /z_pos/],
      [{ roomSid: room.sid, audioSources: ['*'], resolution: '2000x2000' }, 20001, /Resolution/],
      [{ roomSid: room.sid, audioSources: ['*'], format: 'avi' as never }, 20001, /Format/],
      [{ roomSid: `RM${'0'.repeat(32)}`, audioSources: ['*'] }, 20404],
      [{ roomSid: room.sid, audioSources: ['*'], statusCallback: 'ftp://x' }, 53111],
    ];
    for (const [parameters, code, message] of bad)
      await expectRestError(create.call(session.client.video.v1.compositions, parameters), {
        status: code === 20404 ? 404 : 400,
        code,
        message,
      });
    const live = await session.client.video.v1.rooms.create({ uniqueName: 'live' });
    await expectRestError(
      session.client.video.v1.compositions.create({ roomSid: live.sid, audioSources: ['*'] }),
      {
        status: 400,
        code: 20001,
        message: /in progress/,
      },
    );
    expect(await session.client.video.v1.compositions.list()).toEqual([]);
  });
});
