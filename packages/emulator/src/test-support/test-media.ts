import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Rect } from '../compositions/render/grid.js';
import { locateFfmpeg } from '../media-tools/ffmpeg.js';

const run = promisify(execFile);

async function ffmpeg(args: readonly string[], maxBuffer?: number): Promise<Buffer> {
  const path = await locateFfmpeg();
  if (path === undefined)
    throw new Error('tests need ffmpeg: the optional dependency @ffmpeg-installer/ffmpeg');
  const { stdout } = await run(path, ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'buffer',
    maxBuffer: maxBuffer ?? 1024 * 1024,
  });
  return stdout;
}

/** A moving test picture as a VP8 Matroska recording (.mkv); each hue gives a participant its colour. */
export async function makeVideoRecording(
  file: string,
  options: { durationS: number; hue?: number; size?: string; rate?: number },
): Promise<void> {
  const size = options.size ?? '160x120';
  const source = `testsrc2=size=${size}:rate=${options.rate ?? 15}:duration=${options.durationS}`;
  await ffmpeg(
    ['-f', 'lavfi', '-i', `${source},hue=h=${options.hue ?? 0}`, '-c:v', 'libvpx', '-b:v', '300k'].concat([
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-f',
      'matroska',
      file,
    ]),
  );
}

/** A sine tone as an Opus Matroska recording (.mka). */
export async function makeAudioRecording(
  file: string,
  options: { durationS: number; frequency?: number },
): Promise<void> {
  const source = `sine=frequency=${options.frequency ?? 440}:sample_rate=48000:duration=${options.durationS}`;
  await ffmpeg(['-f', 'lavfi', '-i', source, '-c:a', 'libopus', '-b:a', '32k', '-f', 'matroska', file]);
}

/** A sine tone with a hole: sound for `soundS`, nothing at all for `holeS` (as Opus DTX leaves), sound again. */
export async function makeAudioRecordingWithHole(
  file: string,
  options: { soundS: number; holeS: number },
): Promise<void> {
  const source = `sine=frequency=440:sample_rate=48000:duration=${options.soundS * 2}`;
  const shift = `asetpts='if(gte(T,${options.soundS}),PTS+${options.holeS}/TB,PTS)'`;
  await ffmpeg(['-f', 'lavfi', '-i', source, '-af', shift, '-c:a', 'libopus', '-f', 'matroska', file]);
}

/** The loudness (RMS of 16-bit mono samples, 0 to 32767) of each `windowS` of a file's audio. */
export async function audioLevels(file: string, windowS: number): Promise<number[]> {
  const rate = 8000;
  const pcm = await ffmpeg(
    ['-i', file, '-vn', '-ac', '1', '-ar', String(rate), '-f', 's16le', 'pipe:1'],
    64 * 1024 * 1024,
  );
  const perWindow = Math.round(windowS * rate);
  const levels: number[] = [];
  for (let start = 0; start + perWindow * 2 <= pcm.length; start += perWindow * 2) {
    let sum = 0;
    for (let offset = start; offset < start + perWindow * 2; offset += 2) sum += pcm.readInt16LE(offset) ** 2;
    levels.push(Math.sqrt(sum / perWindow));
  }
  return levels;
}

/** A frame of a video at a time (s), as 8-bit luma: one byte a pixel, rows top to bottom. */
export interface GrayFrame {
  width: number;
  height: number;
  pixels: Buffer;
}

export async function grayFrameAt(
  file: string,
  timeS: number,
  size: { width: number; height: number },
): Promise<GrayFrame> {
  const pixels = await ffmpeg(
    ['-ss', timeS.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    size.width * size.height * 2,
  );
  if (pixels.length !== size.width * size.height)
    throw new Error(`expected a ${size.width}x${size.height} frame, got ${pixels.length} bytes`);
  return { ...size, pixels };
}

/** The mean luma of a rectangle of a frame. */
export function meanLuma(frame: GrayFrame, rect: Rect): number {
  let sum = 0;
  forEachPixel(frame, rect, (index) => {
    sum += frame.pixels[index] ?? 0;
  });
  return sum / (rect.width * rect.height);
}

/** The mean absolute difference of a rectangle between two frames of the same size. */
export function meanDifference(a: GrayFrame, b: GrayFrame, rect: Rect): number {
  let sum = 0;
  forEachPixel(a, rect, (index) => {
    sum += Math.abs((a.pixels[index] ?? 0) - (b.pixels[index] ?? 0));
  });
  return sum / (rect.width * rect.height);
}

function forEachPixel(frame: GrayFrame, rect: Rect, visit: (index: number) => void): void {
  for (let y = rect.y; y < rect.y + rect.height; y += 1)
    for (let x = rect.x; x < rect.x + rect.width; x += 1) visit(y * frame.width + x);
}
