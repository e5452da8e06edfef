import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { promisify } from 'node:util';
import { findMediaBinary } from './media-binaries.js';
import { opusSilence20ms } from './opus-packet.js';
import type { RecordedMedia } from './recorded-media.js';
import { openTrackFile } from './track-file.js';

/**
 * What a recording holds when its track sent no media at all (a participant scripted from Node
 * publishes tracks but sends no RTP): real media of the recording's length, never an empty or fake file.
 * - audio: Opus silence, one 20 ms packet after another, written in process like any recording;
 * - video: ffmpeg's `testsrc2` test pattern (moving colour bars and a running clock), VP8, 640x480
 *   (Twilio's default composition size), 25 fps. Without ffmpeg this fails, with an error that says how
 *   to get it.
 * Lengths are whole packets or frames: the requested length rounded to 20 ms (audio) or 40 ms (video),
 * at least one.
 */
export interface SyntheticRecordingOptions {
  kind: 'audio' | 'video';
  file: string;
  durationMs: number;
}

export async function writeSyntheticRecording(options: SyntheticRecordingOptions): Promise<RecordedMedia> {
  try {
    return await (options.kind === 'audio' ? writeSilence(options) : writeTestPattern(options));
  } catch (error) {
    // What was written of it is no recording.
    await rm(options.file, { force: true });
    throw error;
  }
}

const opusPacketMs = 20;

async function writeSilence({ file, durationMs }: SyntheticRecordingOptions): Promise<RecordedMedia> {
  const track = openTrackFile({ file, codec: 'OPUS' });
  const packets = Math.max(1, Math.round(durationMs / opusPacketMs));
  for (let i = 0; i < packets; i++) {
    // A minute at a time (a few ms of work), letting the event loop turn between them.
    if (i > 0 && i % 3000 === 0) await setImmediate();
    const time = i * opusPacketMs;
    track.write({ data: opusSilence20ms, isKeyframe: true, time, lengthMs: opusPacketMs });
  }
  return { ...(await track.finish()), codec: 'OPUS' };
}

export const testPattern = { width: 640, height: 480, fps: 25 } as const;

async function writeTestPattern({ file, durationMs }: SyntheticRecordingOptions): Promise<RecordedMedia> {
  const ffmpeg = await findMediaBinary('ffmpeg');
  if (!ffmpeg)
    throw new Error(
      'no ffmpeg to make the test pattern recorded for a video track that sent no media: install the optional dependency @ffmpeg-installer/ffmpeg, put ffmpeg on PATH, or set ROOMLAB_FFMPEG to its path',
    );
  const { width, height, fps } = testPattern;
  const frames = Math.max(1, Math.round((durationMs * fps) / 1000));
  const source = `testsrc2=size=${width}x${height}:rate=${fps}`;
  // Realtime VP8 at its fastest: about 14 times real time on one core of a small machine.
  const encode = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-g', '50'];
  const args = ['-v', 'error', '-f', 'lavfi', '-i', source, '-frames:v', String(frames), ...encode];
  await promisify(execFile)(ffmpeg, [...args, '-threads', '1', '-f', 'webm', '-y', file]);
  const { size } = await stat(file);
  return { sizeBytes: size, durationMs: (frames * 1000) / fps, codec: 'VP8', width, height };
}
