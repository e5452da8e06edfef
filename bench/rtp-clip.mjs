// A short clip of real media as the RTP packets a publisher sends, made once with ffmpeg and replayed in
// a loop: VP8 video (testsrc2, moving) packetized as RFC 7741 says, and Opus audio (a tone) one 20 ms
// frame per packet. Encoding ahead keeps the load generator cheap: replaying costs no encoder time on a
// machine whose cores the measured process needs.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** What the clips are: 640x360 (not the 640x480 of roomlab's test pattern, so a recording shows whose it is). */
export const clipVideo = { width: 640, height: 360, fps: 25, kbps: 600, keyframeEvery: 25 };
export const clipAudio = { kbps: 32, frameMs: 20 };

const maxPayloadBytes = 1100;

/** Reads the frames of an IVF file: a 32-byte header, then frames each after a 12-byte header. */
function ivfFrames(file) {
  const frames = [];
  for (let at = file.readUInt16LE(6); at + 12 <= file.length; ) {
    const size = file.readUInt32LE(at);
    frames.push(file.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return frames;
}

/** Reads the packets of an Ogg stream (pages of laced segments); Opus's first two are its headers. */
function oggPackets(file) {
  const packets = [];
  let pending = [];
  for (let at = 0; at + 27 <= file.length; ) {
    if (file.toString('latin1', at, at + 4) !== 'OggS') throw new Error('not an Ogg page');
    const segments = file[at + 26];
    let data = at + 27 + segments;
    for (let i = 0; i < segments; i++) {
      const length = file[at + 27 + i];
      pending.push(file.subarray(data, data + length));
      data += length;
      if (length < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    at = data;
  }
  return packets.slice(2);
}

/** One VP8 frame as RTP payloads: a one-byte descriptor (S set on the first), at most 1100 bytes each. */
function vp8Payloads(frame) {
  const payloads = [];
  for (let at = 0; at < frame.length; at += maxPayloadBytes)
    payloads.push(
      Buffer.concat([Buffer.from([at === 0 ? 0x10 : 0]), frame.subarray(at, at + maxPayloadBytes)]),
    );
  return payloads;
}

/**
 * Encodes `seconds` of each kind with `ffmpeg` and answers both clips as packet lists: each packet's
 * payload, its media time (ms from the clip's start), RTP timestamp and marker; with the clip's length.
 */
export async function makeClips(ffmpeg, seconds) {
  const dir = await mkdtemp(join(tmpdir(), 'roomlab-bench-clip-'));
  try {
    const { width, height, fps, kbps, keyframeEvery } = clipVideo;
    const common = ['-v', 'error', '-y', '-f', 'lavfi'];
    await promisify(execFile)(ffmpeg, [
      ...[...common, '-i', `testsrc2=size=${width}x${height}:rate=${fps}`, '-t', String(seconds)],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${kbps}k`],
      ...['-g', String(keyframeEvery), '-threads', '1', '-f', 'ivf', join(dir, 'clip.ivf')],
    ]);
    await promisify(execFile)(ffmpeg, [
      ...[...common, '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(seconds)],
      ...['-c:a', 'libopus', '-b:a', `${clipAudio.kbps}k`, '-frame_duration', String(clipAudio.frameMs)],
      ...['-ac', '2', '-f', 'ogg', join(dir, 'clip.ogg')],
    ]);
    const video = ivfFrames(await readFile(join(dir, 'clip.ivf'))).flatMap((frame, index) =>
      vp8Payloads(frame).map((payload, part, all) => ({
        payload,
        atMs: (index * 1000) / fps,
        timestamp: (index * 90000) / fps,
        marker: part === all.length - 1,
      })),
    );
    const audio = oggPackets(await readFile(join(dir, 'clip.ogg'))).map((payload, index) => ({
      payload,
      atMs: index * clipAudio.frameMs,
      timestamp: index * 48 * clipAudio.frameMs,
      marker: index === 0,
    }));
    const bytes = (packets) => packets.reduce((sum, packet) => sum + packet.payload.length, 0);
    const kbpsOf = (packets) => (bytes(packets) * 8) / seconds / 1000;
    return {
      lengthMs: seconds * 1000,
      video: { packets: video, clockRate: 90000, kbps: kbpsOf(video) },
      audio: { packets: audio, clockRate: 48000, kbps: kbpsOf(audio) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
