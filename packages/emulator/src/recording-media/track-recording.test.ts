import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '@roomlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { type ProbedMedia, probeMedia } from '../test-support/ffprobe.js';
import { decode, distinctFrames, maxVolumeDb } from '../test-support/media-check.js';
import { rtpFromFfmpeg } from '../test-support/rtp-from-ffmpeg.js';
import { opusSilence20ms } from './opus-packet.js';
import { startTrackRecording } from './track-recording.js';

/**
 * Tracks recorded from real RTP: ffmpeg encodes 3 s of a moving test picture or a tone and sends it
 * as RTP, as a publisher would; the file is then read back with ffprobe and decoded whole with ffmpeg.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomlab-track-recording-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const picture = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '3', '-g', '25'];
const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '3'];

const published = [
  {
    name: 'VP8 video',
    kind: 'video',
    encode: [...picture, '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '300k'],
    codec: { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 },
    expected: { codec: 'VP8', stream: { codecName: 'vp8', width: 320, height: 240 } },
  },
  {
    name: 'H.264 video (packetization mode 1)',
    kind: 'video',
    encode: [
      ...picture,
      '-c:v',
      'libx264',
      '-profile:v',
      'baseline',
      '-pix_fmt',
      'yuv420p',
      '-tune',
      'zerolatency',
    ],
    codec: { mimeType: 'video/H264', payloadType: 96, clockRate: 90000 },
    expected: { codec: 'H264', stream: { codecName: 'h264', width: 320, height: 240 } },
  },
  {
    name: 'Opus audio',
    kind: 'audio',
    encode: [...tone, '-c:a', 'libopus', '-b:a', '48k', '-frame_duration', '20'],
    codec: { mimeType: 'audio/opus', payloadType: 96, clockRate: 48000 },
    expected: { codec: 'OPUS', stream: { codecName: 'opus' } },
  },
] as const;

describe.concurrent('a track recorded from the RTP it publishes', () => {
  it.each(published)('$name: a Matroska file of the published codec, size and length', async (track) => {
    const logger = memoryLogger();
    const file = join(dir, `${track.expected.codec}.${track.kind === 'audio' ? 'mka' : 'mkv'}`);
    const recording = startTrackRecording({ kind: track.kind, file, logger });
    const packets = await rtpFromFfmpeg([...track.encode], (rtp) => recording.writeRtp(rtp, track.codec));
    const media = await recording.stop();

    expect(packets).toBeGreaterThan(100);
    const probed = await probeMedia(file);
    expect(probed.formatName).toBe('matroska,webm');
    expect(probed.streams).toMatchObject([{ codecType: track.kind, ...track.expected.stream }]);
    expect(probed.durationS).toBeGreaterThan(2.9);
    expect(probed.durationS).toBeLessThan(3.1);
    // What the recording reports is what the file says.
    expect(media).toEqual({
      codec: track.expected.codec,
      durationMs: Math.round(probed.durationS * 1000),
      sizeBytes: probed.sizeBytes,
      ...(track.kind === 'video' ? { width: 320, height: 240 } : {}),
    });
    expect(media?.sizeBytes).toBe((await stat(file)).size);
    const decoded = await decode(file);
    expect(decoded.errors).toBe('');
    // Every frame sent is in the file: 3 s at 25 fps, or at 50 Opus packets a second.
    expect(decoded.frames).toBeGreaterThanOrEqual(track.kind === 'video' ? 75 : 150);
    // And they are what was sent: a moving picture, a tone (lavfi's sine is at -18 dB).
    if (track.kind === 'video') expect(await distinctFrames(file)).toBeGreaterThanOrEqual(75);
    else expect(await maxVolumeDb(file)).toBeGreaterThan(-20);
    expect(logger.entries).toEqual([]);
  });
});

/**
 * Recordings fed from RTP captured once (3 s of H.264, a keyframe each second): a recording that starts
 * mid-stream, a publisher whose encoder restarts, a stop with packets still coming.
 */
describe.concurrent('a track recording, from RTP as it comes', () => {
  const h264 = published[1];
  let packets: RtpPacket[];
  beforeAll(async () => {
    const captured: RtpPacket[] = [];
    await rtpFromFfmpeg([...h264.encode], (rtp) => captured.push(rtp));
    packets = captured;
  });
  /** Feeds `rtp` to a new recording in `name` and stops it. */
  const record = async (name: string, rtp: RtpPacket[], afterStop: RtpPacket[] = []) => {
    const logger = memoryLogger();
    const file = join(dir, name);
    const recording = startTrackRecording({ kind: 'video', file, logger });
    for (const packet of rtp) recording.writeRtp(packet, h264.codec);
    const stopping = recording.stop();
    for (const packet of afterStop) recording.writeRtp(packet, h264.codec);
    const media = await stopping;
    expect(logger.entries).toEqual([]);
    return { file, media, probed: media && (await probeMedia(file)), decoded: media && (await decode(file)) };
  };
  const lengthOf = (probed: ProbedMedia | undefined) => Number(probed?.durationS);

  it('that starts mid-stream begins at the next keyframe, and plays from there', async () => {
    const { media, probed, decoded } = await record('late.mkv', packets.slice(packets.length / 4));

    expect(media).toMatchObject({ codec: 'H264', width: 320, height: 240 });
    // It came in at about 0.75 s: the next keyframe is at 1 s.
    expect(lengthOf(probed)).toBeCloseTo(2, 1);
    expect(decoded).toEqual({ errors: '', frames: 50 });
  });

  it('goes on when the publisher’s encoder restarts (a new SSRC, sequence and timestamps)', async () => {
    const half = packets.length / 2;
    const restarted = packets.slice(half).map((packet) => {
      const copy = packet.clone();
      Object.assign(copy.header, {
        ssrc: packet.header.ssrc ^ 0xffff,
        sequenceNumber: (packet.header.sequenceNumber + 20000) % 65536,
        timestamp: (packet.header.timestamp + 2 ** 31) % 2 ** 32,
      });
      return copy;
    });
    const { probed, decoded } = await record('restart.mkv', [...packets.slice(0, half), ...restarted]);

    // Time goes on through the restart: the file is as long as the stream, though the new encoder's
    // frames before its first keyframe (at 2 s) are left out.
    expect(lengthOf(probed)).toBeGreaterThan(2.9);
    expect(lengthOf(probed)).toBeLessThan(3.05);
    expect(decoded?.errors).toBe('');
    expect(decoded?.frames).toBeGreaterThan(55);
    expect(decoded?.frames).toBeLessThan(70);
  });

  it('records nothing that comes after stop(): stopped before any keyframe, it makes no file', async () => {
    // About 0.75 s in: the next keyframe (at 1 s) comes after stop().
    const stopAt = packets.length / 4 + 10;
    const { file, media } = await record(
      'stopped.mkv',
      packets.slice(stopAt - 10, stopAt),
      packets.slice(stopAt),
    );

    expect(media).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('that never received RTP makes no file, and says so', async () => {
    const { file, media } = await record('nothing.mkv', []);

    expect(media).toBeUndefined();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });
});

describe('a track recording that cannot write its file', () => {
  it('says so at once, records nothing more, and stop() fails with the cause', async () => {
    const logger = memoryLogger();
    const file = join(dir, 'no-such-folder', 'audio.mka');
    const recording = startTrackRecording({ kind: 'audio', file, logger });
    const opus = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000 };
    for (let i = 0; i < 50; i++) {
      const header = new RtpHeader({ sequenceNumber: i, timestamp: i * 960, payloadType: 111, ssrc: 1 });
      recording.writeRtp(new RtpPacket(header, opusSilence20ms), opus);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        message: `recording ${file} failed: it records nothing more`,
      }),
    ]);
    await expect(recording.stop()).rejects.toThrow(/ENOENT/);
  });
});
