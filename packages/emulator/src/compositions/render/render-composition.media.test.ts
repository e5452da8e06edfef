import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compositionRequest, compositionSource } from '../../test-support/composition-sources.js';
import { probeMedia } from '../../test-support/ffprobe.js';
import {
  audioLevels,
  grayFrameAt,
  makeAudioRecording,
  makeAudioRecordingWithHole,
  makeVideoRecording,
  meanDifference,
  meanLuma,
} from '../../test-support/test-media.js';
import type { Rect } from './grid.js';
import { createCompositionRenderer } from './render-composition.js';
import type { CompositionSource, RenderCompositionRequest } from './render-request.js';

const resolution = { width: 320, height: 240 };
let dir: string;
let sources: CompositionSource[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomlab-render-'));
  // Alice records from the start for 3 s; Bob joins 1.5 s later and records until 3.5 s.
  const alice = { startMs: 0, durationMs: 3000 };
  const bob = { startMs: 1500, durationMs: 2000 };
  sources = [
    compositionSource('alice-video', alice, { dir }),
    compositionSource('alice-audio', alice, { dir }),
    compositionSource('bob-video', bob, { dir }),
    compositionSource('bob-audio', bob, { dir }),
  ];
  await Promise.all([
    makeVideoRecording(sources[0]?.file ?? '', { durationS: 3, hue: 0 }),
    makeAudioRecording(sources[1]?.file ?? '', { durationS: 3, frequency: 440 }),
    makeVideoRecording(sources[2]?.file ?? '', { durationS: 2, hue: 120 }),
    makeAudioRecording(sources[3]?.file ?? '', { durationS: 2, frequency: 660 }),
  ]);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function gridRequest(format: 'mp4' | 'webm', output: string): RenderCompositionRequest {
  return compositionRequest({ sources, roomDurationMs: 4000, resolution, format, output: join(dir, output) });
}

// Two sources side by side: each cell is 160x240; a 160x120 source fits it centred, from y = 60.
const aliceTile: Rect = { x: 8, y: 68, width: 144, height: 104 };
const bobTile: Rect = { x: 168, y: 68, width: 144, height: 104 };

describe.each(['mp4', 'webm'] as const)('a two-participant grid in %s', (format) => {
  const expected = format === 'mp4' ? { video: 'h264', audio: 'aac' } : { video: 'vp8', audio: 'opus' };
  let output: string;
  let progress: number[];

  beforeAll(async () => {
    progress = [];
    output = join(dir, `grid.${format}`);
    const result = await createCompositionRenderer().render({
      ...gridRequest(format, `grid.${format}`),
      onProgress: (percent) => progress.push(percent),
    });
    expect(result.durationMs).toBe(3500);
    expect(result.sizeBytes).toBeGreaterThan(1000);
    expect(result.bitrateKbps).toBe(Math.round((result.sizeBytes * 8) / 3.5 / 1000));
  }, 60_000);

  it(`holds ${expected.video} video at the resolution and ${expected.audio} audio, 3.5 s long`, async () => {
    const media = await probeMedia(output);
    expect(media.formatName).toContain(format === 'mp4' ? 'mp4' : 'webm');
    expect(media.durationS).toBeCloseTo(3.5, 0);
    expect(Math.abs(media.durationS - 3.5)).toBeLessThan(0.15);
    expect(media.streams.map((stream) => [stream.codecType, stream.codecName])).toEqual([
      ['video', expected.video],
      ['audio', expected.audio],
    ]);
    expect(media.streams[0]).toMatchObject({ width: 320, height: 240 });
  });

  it('reports progress up to 100', () => {
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('shows moving video in both tiles once both participants are there', async () => {
    const early = await grayFrameAt(output, 1.9, resolution);
    const later = await grayFrameAt(output, 2.7, resolution);
    for (const tile of [aliceTile, bobTile]) {
      expect(meanDifference(early, later, tile)).toBeGreaterThan(5);
      expect(meanLuma(later, tile)).toBeGreaterThan(40);
    }
  });

  it("leaves Bob's tile black before he joins", async () => {
    const beforeBob = await grayFrameAt(output, 0.7, resolution);
    expect(meanLuma(beforeBob, aliceTile)).toBeGreaterThan(40);
    expect(meanLuma(beforeBob, bobTile)).toBeLessThan(20);
  });
});

describe('an audio-only composition', () => {
  it('holds only the mixed audio, as long as the trimmed room', async () => {
    const output = join(dir, 'audio-only.mp4');
    const request = { ...gridRequest('mp4', 'audio-only.mp4'), videoLayout: undefined };
    expect(await createCompositionRenderer().render(request)).toMatchObject({ durationMs: 3500 });
    const media = await probeMedia(output);
    expect(media.streams.map((stream) => [stream.codecType, stream.codecName])).toEqual([['audio', 'aac']]);
    expect(Math.abs(media.durationS - 3.5)).toBeLessThan(0.1);
  }, 60_000);
});

describe('audio timing', () => {
  it('keeps audio after a hole in a recording in its place, the hole silent, and mixes voices at their level', async () => {
    // Carol speaks for 1 s, sends nothing for 1 s, speaks 1 s more; Dave speaks from 1 s to 2 s.
    const carol = compositionSource('carol-audio', { startMs: 0, durationMs: 3000 }, { dir });
    const dave = compositionSource('dave-audio', { startMs: 1000, durationMs: 1000 }, { dir });
    await makeAudioRecordingWithHole(carol.file, { soundS: 1, holeS: 1 });
    await makeAudioRecording(dave.file, { durationS: 1 });
    const output = join(dir, 'holes.webm');
    const request = { ...gridRequest('webm', 'holes.webm'), sources: [carol], videoLayout: undefined };
    await createCompositionRenderer().render({ ...request, roomDurationMs: 3000 });
    // Quarter seconds, leaving out those at the hole's edges (where the codec fades in and out).
    const levels = (await audioLevels(output, 0.25)).map(Math.round);
    const [sound, hole, soundAgain] = [levels.slice(0, 4), levels.slice(5, 7), levels.slice(9, 12)];
    expect(Math.min(...sound, ...soundAgain)).toBeGreaterThan(1000);
    expect(Math.max(...hole)).toBeLessThan(100);
    await createCompositionRenderer().render({
      ...request,
      sources: [carol, dave],
      output: join(dir, 'mixed.webm'),
    });
    // Mixed, each voice alone keeps its own level (Carol first, then Dave in her hole).
    const mixed = (await audioLevels(join(dir, 'mixed.webm'), 0.25)).map(Math.round);
    expect(Math.min(...mixed.slice(0, 4), ...mixed.slice(5, 7))).toBeGreaterThan(0.8 * Math.min(...sound));
  }, 60_000);
});

describe('cancelling a composition', () => {
  it('kills ffmpeg and removes the partial file', async () => {
    const long = compositionSource('long-video', { startMs: 0, durationMs: 30_000 }, { dir });
    await makeVideoRecording(long.file, { durationS: 30 });
    const controller = new AbortController();
    const output = join(dir, 'cancelled.webm');
    let partialWhileRunning = false;
    const rendering = createCompositionRenderer().render({
      ...gridRequest('webm', 'cancelled.webm'),
      sources: [long],
      roomDurationMs: 30_000,
      resolution: { width: 640, height: 480 },
      onProgress: () => {
        partialWhileRunning ||= existsSync(`${output}.partial`);
        controller.abort();
      },
      signal: controller.signal,
    });
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    expect(partialWhileRunning).toBe(true);
    expect((await readdir(dir)).filter((file) => file.startsWith('cancelled'))).toEqual([]);
  }, 60_000);
});
