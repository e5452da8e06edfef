import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskMediaStorage } from '../media/disk-media-storage.js';
import { probeMedia } from '../test-support/ffprobe.js';
import { mswMode, serverMode, sessionPerTest } from '../test-support/modes.js';
import { mediaRoute, recordedRoom } from '../test-support/recorded-room.js';
import { expectRestError } from '../test-support/twilio-errors.js';

/**
 * Recordings through the official `twilio` client: participants stand in for SDK clients at the
 * engine (they send no media, so each recording holds silence or a test pattern of the time they were
 * captured, on the test's clock), and the files are read back through `/Media` and checked with ffprobe.
 */
let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'roomlab-recordings-test-'));
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

describe.each([mswMode, serverMode])('Recordings through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode, { mediaStorage: diskMediaStorage() });
  afterEach(() => session.emulator.mediaStorage.close());

  it('records every audio and video track into a finished Matroska file, with every field of the spec', async () => {
    const { room, alice, mic, camera, bobMic } = await recordedRoom(session);
    const listed = await session.client.video.v1.recordings.list();
    expect(listed.map((recording) => [recording.sourceSid, recording.type, recording.status])).toEqual([
      [mic.sid, 'audio', 'completed'],
      [camera.sid, 'video', 'completed'],
      [bobMic.sid, 'audio', 'completed'],
    ]);
    const [audio, video, late] = listed;
    expect(audio).toMatchObject({
      containerFormat: 'mka',
      codec: 'OPUS',
      duration: 3,
      trackName: 'alice-mic',
      groupingSids: { room_sid: room.sid, participant_sid: alice.sid },
      offset: room.dateCreated.getTime(),
      mediaExternalLocation: null,
      url: `${session.origin}/v1/Recordings/${audio?.sid}`,
      links: { media: `${session.origin}/v1/Recordings/${audio?.sid}/Media` },
    });
    expect(video).toMatchObject({ containerFormat: 'mkv', codec: 'VP8', duration: 3 });
    expect(late).toMatchObject({ duration: 2 });
    for (const recording of listed) expect(recording.size).toBeGreaterThan(0);
    const inRoom = await session.client.video.v1.rooms(room.sid).recordings.list();
    expect(inRoom.map((recording) => recording.sid)).toEqual(listed.map((recording) => recording.sid));
    expect(inRoom[0]?.url).toBe(`${session.origin}/v1/Rooms/${room.sid}/Recordings/${audio?.sid}`);
  });

  it('filters the lists as the spec says', async () => {
    const { room, alice, camera, bob } = await recordedRoom(session);
    const recordings = session.client.video.v1.recordings;
    const sidsOf = async (filter: Parameters<typeof recordings.list>[0]) =>
      (await recordings.list(filter)).map((recording) => recording.sourceSid);
    expect(await sidsOf({ mediaType: 'video' })).toEqual([camera.sid]);
    expect(await sidsOf({ groupingSid: [bob.sid] })).toHaveLength(1);
    expect(await sidsOf({ groupingSid: [room.sid, alice.sid] })).toHaveLength(2);
    expect(await sidsOf({ status: 'processing' })).toEqual([]);
    expect(await sidsOf({ sourceSid: camera.sid })).toEqual([camera.sid]);
    const page = await recordings.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    expect((await page.nextPage())?.instances).toHaveLength(1);
    await expectRestError(recordings.list({ pageSize: 101 }), { status: 400, code: 20001 });
  });

  it('redirects /Media to an expiring link serving the file, which ffprobe reads with the recorded length', async () => {
    const { camera } = await recordedRoom(session);
    const [video] = await session.client.video.v1.recordings.list({ sourceSid: camera.sid });
    const answer = await mediaRoute(session, `/v1/Recordings/${video?.sid}/Media?Ttl=60`);
    expect(answer.status).toBe(302);
    const location = answer.headers.get('location') ?? '';
    expect(await answer.json()).toEqual({ redirect_to: location });
    const download = await fetch(location);
    expect(download.headers.get('content-type')).toBe('video/x-matroska');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${video?.sid}.mkv"`);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(video?.size);
    const file = join(scratch, 'camera.mkv');
    await writeFile(file, bytes);
    const probed = await probeMedia(file);
    expect(probed.formatName).toBe('matroska,webm');
    expect(probed.streams.map((stream) => stream.codecName)).toEqual(['vp8']);
    expect(probed.durationS).toBeCloseTo(3, 0);

    session.clock.advance(60_001);
    const expired = await fetch(location);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ code: 20403 });
  });

  it('deletes a recording: 204, the resource stays as deleted, and its media is gone', async () => {
    const { mic } = await recordedRoom(session);
    const [audio] = await session.client.video.v1.recordings.list({ sourceSid: mic.sid });
    const sid = audio?.sid ?? '';
    const link = (await (await mediaRoute(session, `/v1/Recordings/${sid}/Media`)).json()) as {
      redirect_to: string;
    };
    expect(await session.client.video.v1.recordings(sid).remove()).toBe(true);
    expect((await session.client.video.v1.recordings(sid).fetch()).status).toBe('deleted');
    expect((await fetch(link.redirect_to)).status).toBe(404);
    const media = await mediaRoute(session, `/v1/Recordings/${sid}/Media`);
    expect([media.status, ((await media.json()) as { code: number }).code]).toEqual([404, 20404]);
  });

  it('answers bad input with Twilio errors and changes nothing', async () => {
    const { mic } = await recordedRoom(session);
    const [audio] = await session.client.video.v1.recordings.list({ sourceSid: mic.sid });
    await expectRestError(session.client.video.v1.recordings(`RT${'0'.repeat(32)}`).fetch(), {
      status: 404,
      code: 20404,
    });
    await expectRestError(session.client.video.v1.recordings.list({ status: 'lost' as never }), {
      status: 400,
      code: 20001,
    });
    for (const query of ['Ttl=0', 'Ttl=3601', 'Ttl=soon', 'ContentDisposition=evil%0d%0aX-Injected:1']) {
      const answer = await mediaRoute(session, `/v1/Recordings/${audio?.sid}/Media?${query}`);
      expect([answer.status, ((await answer.json()) as { code: number }).code], query).toEqual([400, 20001]);
    }
    expect((await session.client.video.v1.recordings(audio?.sid ?? '').fetch()).status).toBe('completed');
  });
});

describe("The Twilio guide's recording request (a roomlab extension)", () => {
  const session = sessionPerTest(mswMode, { mediaStorage: diskMediaStorage() });
  afterEach(() => session.emulator.mediaStorage.close());

  it('POST /v1/Video/Rooms/{RoomSid}/Recordings records every track from then on, marked as an extension', async () => {
    const { accountSid, authToken } = session.emulator.credentials;
    const room = await session.client.video.v1.rooms.create({ uniqueName: 'guide' });
    const roomRef = { accountSid, room: room.sid };
    const alice = session.emulator.engine.connectParticipant(roomRef, { identity: 'alice' });
    const mic = session.emulator.engine.publishTrack(
      { ...roomRef, participant: alice.sid },
      { kind: 'audio' },
    );
    expect(await session.client.video.v1.recordings.list()).toEqual([]);
    const answer = await fetch(`${session.origin}/v1/Video/Rooms/${room.sid}/Recordings`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ roomSid: room.sid }),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('roomlab-extension')).toMatch(/^route/);
    const body = (await answer.json()) as { recordings: { source_sid: string; status: string }[] };
    expect(body.recordings.map((recording) => [recording.source_sid, recording.status])).toEqual([
      [mic.sid, 'processing'],
    ]);
    const rules = await session.client.video.v1.rooms(room.sid).recordingRules.fetch();
    expect(rules.rules).toEqual([{ type: 'include', all: true }]);
  });
});

describe('Recording rules in rooms that cannot record', () => {
  const session = sessionPerTest(mswMode);
  it('refuse with 53122 in peer-to-peer and go rooms', async () => {
    for (const type of ['peer-to-peer', 'go'] as const) {
      const room = await session.client.video.v1.rooms.create({ type });
      await expectRestError(
        session.client.video.v1
          .rooms(room.sid)
          .recordingRules.update({ rules: [{ type: 'include', all: true }] }),
        { status: 400, code: 53122 },
      );
    }
  });
});
