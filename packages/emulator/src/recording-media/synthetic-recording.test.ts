import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeMedia } from '../test-support/ffprobe.js';
import { decode, distinctFrames, maxVolumeDb } from '../test-support/media-check.js';
import type { MediaBinary } from './media-binaries.js';
import { writeSyntheticRecording } from './synthetic-recording.js';

/** Lets a test take ffmpeg away: the finder then finds none, as on a machine without it. */
const missing = vi.hoisted(() => new Set<string>());
vi.mock('./media-binaries.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./media-binaries.js')>();
  return {
    findMediaBinary: (binary: MediaBinary) =>
      missing.has(binary) ? Promise.resolve(undefined) : actual.findMediaBinary(binary),
  };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomlab-synthetic-recording-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What ffprobe says of the file, and that what the recording reports matches it. */
async function probedAs(file: string, media: { durationMs: number; sizeBytes: number }) {
  const probed = await probeMedia(file);
  expect(probed.formatName).toBe('matroska,webm');
  expect(media.durationMs).toBe(Math.round(probed.durationS * 1000));
  expect(media.sizeBytes).toBe(probed.sizeBytes);
  expect(await decode(file)).toMatchObject({ errors: '' });
  return probed;
}

describe.concurrent('the recording of a track that sent no media', () => {
  it('is Opus silence of the recording’s length, for audio', async () => {
    const file = join(dir, 'silence.mka');
    const media = await writeSyntheticRecording({ kind: 'audio', file, durationMs: 2500 });

    expect(media).toMatchObject({ codec: 'OPUS', durationMs: 2500 });
    const probed = await probedAs(file, media);
    expect(probed.streams).toMatchObject([{ codecType: 'audio', codecName: 'opus' }]);
    expect(await maxVolumeDb(file)).toBeLessThanOrEqual(-90);
  });

  it('is a moving VP8 test pattern of the recording’s length, for video', async () => {
    const file = join(dir, 'pattern.mkv');
    const media = await writeSyntheticRecording({ kind: 'video', file, durationMs: 2000 });

    expect(media).toMatchObject({ codec: 'VP8', durationMs: 2000, width: 640, height: 480 });
    const probed = await probedAs(file, media);
    expect(probed.streams).toMatchObject([{ codecType: 'video', codecName: 'vp8', width: 640, height: 480 }]);
    expect((await decode(file)).frames).toBe(50);
    expect(await distinctFrames(file)).toBeGreaterThan(40);
  });
});

describe('a video track that sent no media, with no ffmpeg', () => {
  it('records nothing, and the error names the fix', async () => {
    missing.add('ffmpeg');
    const file = join(dir, 'none.mkv');
    await expect(writeSyntheticRecording({ kind: 'video', file, durationMs: 2000 })).rejects.toThrow(
      /no ffmpeg .* install the optional dependency @ffmpeg-installer\/ffmpeg/,
    );
    await expect(access(file)).rejects.toThrow(/ENOENT/);
    missing.delete('ffmpeg');
  });
});
