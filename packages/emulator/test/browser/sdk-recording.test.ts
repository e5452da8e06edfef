import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rect } from '../../src/compositions/render/grid.js';
import { locateFfmpeg } from '../../src/media-tools/ffmpeg.js';
import { ffprobePath, probeMedia } from '../../src/test-support/ffprobe.js';
import { decode } from '../../src/test-support/media-check.js';

/**
 * Recordings and a composition of a room that real twilio-video SDKs join from Chromium, through
 * roomlab's media server, inside a network namespace (recording-scenario.mjs runs in there and
 * downloads every file through `/Media`; this test reads them with ffprobe and ffmpeg).
 *
 * Alice publishes the fake camera at 320x240, Bob the fake camera inverted through a canvas at 160x120
 * (Chromium's fake picture is a clock and a turning disc: green for Alice, magenta for Bob), each with
 * the fake microphone. The room records from the start; REST recording rules then exclude every
 * track for a moment and include them again.
 */
interface Joined {
  sid: string;
  participantSid: string;
  identity: string;
  isRecordingAtConnect: boolean;
}
interface Recording {
  sid: string;
  status: string;
  type: 'audio' | 'video';
  codec: string;
  containerFormat: string;
  duration: number;
  size: number;
  sourceSid: string;
  groupingSids: { room_sid: string; participant_sid: string };
  file: string;
  downloadedBytes: number;
}
interface Composition {
  status: string;
  format: string;
  resolution: string;
  duration: number;
  size: number;
  file: string;
  downloadedBytes: number;
}
interface RulesChange {
  events: string[];
  isRecording: Record<string, boolean>;
}
type Camera = { width: number; height: number; trackSid: string };
interface Scenario {
  roomSid: string;
  joined: Joined[];
  stopped: RulesChange;
  started: RulesChange;
  cameras: Record<string, Camera>;
  recordings: Recording[];
  composition: Composition;
  h264: { joined: Joined; camera: Camera; recordings: Recording[] };
  log: string[];
  error: string | null;
}

let out: string;
let scenario: Scenario;
beforeAll(async () => {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  out = await mkdtemp(join(tmpdir(), 'roomlab-sdk-recording-'));
  const script = new URL('./recording-scenario.mjs', import.meta.url).pathname;
  scenario = await runInNetworkNamespace<Scenario>(script, {
    env: { ROOMLAB_MEDIA_OUT: out },
    timeoutMs: 110_000,
  });
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const run = promisify(execFile);

/** Where the file's media ends as ffprobe reads its packets: the last one's time plus its length. */
async function mediaEndS(file: string): Promise<number> {
  const args = ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0'];
  const { stdout } = await run(ffprobePath, [...args, file], { maxBuffer: 16 * 1024 * 1024 });
  const ends = stdout
    .trim()
    .split('\n')
    .map((line) => line.split(',').reduce((sum, value) => sum + (Number(value) || 0), 0));
  return Math.max(...ends);
}

/** A composed frame at a time (s), as RGB: three bytes a pixel, rows top to bottom. */
async function rgbFrameAt(file: string, timeS: number, width: number, height: number): Promise<Buffer> {
  const ffmpeg = await locateFfmpeg();
  if (!ffmpeg) throw new Error('this test needs ffmpeg: the optional dependency @ffmpeg-installer/ffmpeg');
  const args = ['-v', 'error', '-ss', timeS.toFixed(3), '-i', file, '-frames:v', '1'];
  const { stdout } = await run(ffmpeg, [...args, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: width * height * 6,
  });
  expect(stdout.length).toBe(width * height * 3);
  return stdout;
}

/** The mean red, green and blue of a rectangle of an RGB frame `width` pixels wide. */
function meanColour(frame: Buffer, width: number, rect: Rect): [number, number, number] {
  const sums = [0, 0, 0];
  for (let y = rect.y; y < rect.y + rect.height; y += 1)
    for (let x = rect.x; x < rect.x + rect.width; x += 1)
      for (let channel = 0; channel < 3; channel += 1)
        sums[channel] = (sums[channel] ?? 0) + (frame[(y * width + x) * 3 + channel] ?? 0);
  const pixels = rect.width * rect.height;
  return sums.map((sum) => sum / pixels) as [number, number, number];
}

/** The mean absolute difference of a rectangle between two RGB frames, over every channel. */
function meanDifference(a: Buffer, b: Buffer, width: number, rect: Rect): number {
  let sum = 0;
  for (let y = rect.y; y < rect.y + rect.height; y += 1)
    for (let x = (y * width + rect.x) * 3; x < (y * width + rect.x + rect.width) * 3; x += 1)
      sum += Math.abs((a[x] ?? 0) - (b[x] ?? 0));
  return sum / (rect.width * rect.height * 3);
}

const identityOf = (recording: Recording) =>
  scenario.joined.find((joined) => joined.participantSid === recording.groupingSids.participant_sid)
    ?.identity;

describe('a recorded room with two real SDKs (Chromium, network namespace)', () => {
  it('tells each participant who joined with tracks that the room is recording', () => {
    expect(scenario.error).toBeNull();
    expect(
      scenario.joined.map(({ identity, isRecordingAtConnect }) => [identity, isRecordingAtConnect]),
    ).toEqual([
      ['alice', true],
      ['bob', true],
    ]);
  });

  it('fires recordingStopped then recordingStarted in both SDKs as REST rules exclude, then include, every track', () => {
    expect(scenario.stopped.events.sort()).toEqual([
      'alice:recordingStopped:false',
      'bob:recordingStopped:false',
    ]);
    expect(scenario.stopped.isRecording).toEqual({ alice: false, bob: false });
    expect(scenario.started.events.sort()).toEqual([
      'alice:recordingStarted:true',
      'bob:recordingStarted:true',
    ]);
    expect(scenario.started.isRecording).toEqual({ alice: true, bob: true });
  });

  it('gives each audio and video track a new completed Recording each time the rules include it', () => {
    const { recordings, roomSid } = scenario;
    const tracks = new Set(recordings.map((recording) => recording.sourceSid));
    // Two tracks each for Alice and Bob, each recorded before the rules excluded it and after.
    expect(tracks.size).toBe(4);
    for (const track of tracks) {
      const twice = recordings.filter((recording) => recording.sourceSid === track);
      expect(new Set(twice.map((recording) => recording.sid)).size).toBe(2);
      expect(new Set(twice.map((recording) => recording.type)).size).toBe(1);
    }
    expect(recordings.map(identityOf).sort()).toEqual([
      'alice',
      'alice',
      'alice',
      'alice',
      'bob',
      'bob',
      'bob',
      'bob',
    ]);
    for (const recording of recordings) {
      expect(recording).toMatchObject({
        status: 'completed',
        groupingSids: { room_sid: roomSid },
        ...(recording.type === 'audio'
          ? { containerFormat: 'mka', codec: 'OPUS' }
          : { containerFormat: 'mkv', codec: 'VP8' }),
      });
      expect(recording.size).toBe(recording.downloadedBytes);
    }
  });

  it('writes each Recording as a file ffprobe reads with its codec, frame size and duration, and ffmpeg decodes whole', async () => {
    for (const recording of scenario.recordings) {
      const media = await probeMedia(recording.file);
      const stream = recording.type === 'audio' ? { codecName: 'opus' } : { codecName: 'vp8' };
      expect(media.formatName).toBe('matroska,webm');
      expect(media.streams).toEqual([expect.objectContaining({ codecType: recording.type, ...stream })]);
      if (recording.type === 'video') {
        const camera = Object.values(scenario.cameras).find((sent) => sent.trackSid === recording.sourceSid);
        expect(camera).toBeDefined();
        expect(media.streams[0]).toMatchObject({ width: camera?.width, height: camera?.height });
      }
      // `duration` is the file's length to the nearest second; the file's Duration is where its media
      // ends (to within a video frame's length).
      expect(Math.abs(recording.duration - media.durationS)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(media.durationS - (await mediaEndS(recording.file)))).toBeLessThan(0.25);
      const decoded = await decode(recording.file);
      expect(decoded.errors).toBe('');
      // A live camera: frames all along (at least 5 a second; it sends 15), not one held picture.
      if (recording.type === 'video') expect(decoded.frames).toBeGreaterThan(5 * media.durationS);
      else expect(decoded.frames).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('a grid composition of the recorded room', () => {
  const size = { width: 640, height: 480 };
  // Two sources side by side: each cell is 320x480, and a 4:3 picture fills its width from y = 120.
  const leftTile: Rect = { x: 16, y: 136, width: 288, height: 208 };
  const rightTile: Rect = { x: 336, y: 136, width: 288, height: 208 };

  it('is an H.264 and AAC MP4 at 640x480, as long as the recorded media', async () => {
    const { composition } = scenario;
    expect(composition).toMatchObject({ status: 'completed', format: 'mp4', resolution: '640x480' });
    expect(composition.size).toBe(composition.downloadedBytes);
    const media = await probeMedia(composition.file);
    expect(media.formatName).toContain('mp4');
    expect(media.streams.map((stream) => [stream.codecType, stream.codecName])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(media.streams[0]).toMatchObject(size);
    expect(Math.abs(composition.duration - media.durationS)).toBeLessThan(1);
    // It holds both of Alice's camera recordings (the time between them is cut: Trim).
    const alicesVideo = scenario.recordings.filter((r) => r.type === 'video' && identityOf(r) === 'alice');
    const recorded = (await Promise.all(alicesVideo.map((r) => probeMedia(r.file)))).map((m) => m.durationS);
    expect(media.durationS).toBeGreaterThanOrEqual(recorded.reduce((sum, length) => sum + length) - 0.1);
    expect((await decode(composition.file)).errors).toBe('');
  });

  /** Whose picture a tile shows: Alice's green camera, Bob's magenta one, or neither. */
  const pictureIn = (frame: Buffer, tile: Rect) => {
    const [red, green, blue] = meanColour(frame, size.width, tile);
    if (green > 60 && green - Math.max(red, blue) > 50) return 'alice';
    if (Math.min(red, blue) > 150 && Math.min(red, blue) - green > 50) return 'bob';
    return 'neither';
  };

  it('shows moving video in both tiles: Alice’s green picture in one and Bob’s magenta one in the other', async () => {
    const { file } = scenario.composition;
    const { durationS } = await probeMedia(file);
    // Both times in the last stretch, after the rules included every track again (5 s of it). Which
    // tile each takes depends on which recording's media began first, so either order is right.
    const early = await rgbFrameAt(file, durationS - 2.5, size.width, size.height);
    const later = await rgbFrameAt(file, durationS - 1, size.width, size.height);
    for (const frame of [early, later])
      expect([pictureIn(frame, leftTile), pictureIn(frame, rightTile)].sort()).toEqual(['alice', 'bob']);
    // The clock and the disc move: each tile differs between the two times (a held picture would not).
    for (const tile of [leftTile, rightTile])
      expect(meanDifference(early, later, size.width, tile)).toBeGreaterThan(1);
  });
});

describe('a recorded VideoCodecs=H264 room', () => {
  it('records the camera as H.264, as ffprobe reads it, at the size the SDK sent', async () => {
    const { joined, camera, recordings } = scenario.h264;
    expect(joined).toMatchObject({ identity: 'hana', isRecordingAtConnect: true });
    const video = recordings.find((recording) => recording.type === 'video');
    expect(video).toMatchObject({ status: 'completed', codec: 'H264', containerFormat: 'mkv' });
    const media = await probeMedia(video?.file ?? '');
    expect(media.streams).toEqual([
      expect.objectContaining({ codecName: 'h264', width: camera.width, height: camera.height }),
    ]);
    expect(Math.abs((video?.duration ?? 0) - media.durationS)).toBeLessThanOrEqual(0.5);
    expect((await decode(video?.file ?? '')).errors).toBe('');
  });
});
