import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findMediaBinary, type MediaBinary } from '../recording-media/media-binaries.js';

/**
 * Checks on media files, with ffprobe and ffmpeg as a user would run them (see media-binaries.ts for
 * where they are found; tests need both).
 */
const run = promisify(execFile);

export async function requireMediaBinary(binary: MediaBinary): Promise<string> {
  const path = await findMediaBinary(binary);
  if (!path)
    throw new Error(
      `${binary} not found: install @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe, put ${binary} on PATH, or set ROOMLAB_${binary.toUpperCase()}`,
    );
  return path;
}

/**
 * What ffmpeg reports while decoding the whole file and ffprobe while reading every frame of it (empty:
 * both read it cleanly), and how many frames ffprobe read.
 */
export async function decode(file: string): Promise<{ errors: string; frames: number }> {
  const ffmpeg = await requireMediaBinary('ffmpeg');
  const decoded = await run(ffmpeg, ['-v', 'error', '-i', file, '-f', 'null', '-']);
  const counted = await run(await requireMediaBinary('ffprobe'), [
    ...['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
  ]);
  return { errors: `${decoded.stderr}${counted.stderr}`.trim(), frames: Number(counted.stdout.trim()) };
}

/** The loudest sample of the file's audio, in dB (ffmpeg's volumedetect; -91 dB is digital silence). */
export async function maxVolumeDb(file: string): Promise<number> {
  const ffmpeg = await requireMediaBinary('ffmpeg');
  const { stderr } = await run(ffmpeg, ['-i', file, '-af', 'volumedetect', '-f', 'null', '-']);
  const match = /max_volume: (-?[\d.]+|-inf) dB/.exec(stderr);
  if (!match?.[1]) throw new Error(`volumedetect said no max_volume:\n${stderr}`);
  return match[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number(match[1]);
}

/** How many of the file's video frames differ from every other (ffmpeg's framemd5): a still picture has 1. */
export async function distinctFrames(file: string): Promise<number> {
  const ffmpeg = await requireMediaBinary('ffmpeg');
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', file, '-f', 'framemd5', '-'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const hashes = stdout.split('\n').filter((line) => line && !line.startsWith('#'));
  return new Set(hashes.map((line) => line.split(',').at(-1)?.trim())).size;
}
