import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger, TwilioError } from '@roomlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compositionRequest, compositionSource } from '../../test-support/composition-sources.js';
import { createCompositionRenderer } from './render-composition.js';
import type { RenderCompositionRequest } from './render-request.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomlab-renderer-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An audio-only composition of one recording, written to `name` in the test's folder. */
async function audioRequest(name: string, recording = 'alice-audio'): Promise<RenderCompositionRequest> {
  const source = compositionSource(recording, { startMs: 0, durationMs: 1000 }, { dir });
  return compositionRequest({ sources: [source], videoLayout: undefined, output: join(dir, name) });
}

async function failureOf(render: Promise<unknown>): Promise<TwilioError> {
  const failure = await render.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (failure instanceof TwilioError) return failure;
  throw new Error(`expected a TwilioError, got ${String(failure)}`);
}

/** A stand-in ffmpeg that notes when it starts and ends, waits a little, and writes its output. */
async function loggingFfmpeg(log: string): Promise<string> {
  const script = join(dir, 'logging-ffmpeg');
  const body = `for last; do :; done\necho "start $$" >> "${log}"\nsleep 0.3\necho done > "$last"\necho "end $$" >> "${log}"\n`;
  await writeFile(script, `#!/bin/sh\n${body}`);
  await chmod(script, 0o755);
  return script;
}

describe('createCompositionRenderer', () => {
  it('without ffmpeg fails with 53626 and names the fix, writing nothing', async () => {
    const request = await audioRequest('no-ffmpeg.mp4');
    await writeFile(request.sources[0]?.file ?? '', 'a recording');
    const renderer = createCompositionRenderer({ ffmpegPath: join(dir, 'nowhere', 'ffmpeg') });
    const failure = await failureOf(renderer.render(request));
    expect(failure.code).toBe(53626);
    expect(failure.message).toBe(
      'Internal failure while processing media composition: no ffmpeg was found: ' +
        'install the optional dependency @ffmpeg-installer/ffmpeg or put ffmpeg on PATH',
    );
    expect(existsSync(request.output)).toBe(false);
  });

  it('fails with 53628 when a recording it needs has lost its media', async () => {
    const request = await audioRequest('deleted.mp4', 'deleted-audio');
    const failure = await failureOf(createCompositionRenderer().render(request));
    expect(failure.code).toBe(53628);
    expect(failure.message).toContain('RTdeletedaudio');
  });

  it('finds an ffmpeg installed after a composition failed for the lack of one', async () => {
    const request = await audioRequest('installed-later.mp4');
    await writeFile(request.sources[0]?.file ?? '', 'a recording');
    const ffmpegPath = await loggingFfmpeg(join(dir, 'installed-later.log'));
    await chmod(ffmpegPath, 0o644);
    const renderer = createCompositionRenderer({ ffmpegPath });
    expect((await failureOf(renderer.render(request))).code).toBe(53626);
    await chmod(ffmpegPath, 0o755);
    expect((await renderer.render(request)).sizeBytes).toBe(5);
  });

  it("reports ffmpeg's failure with the end of what it wrote to stderr, and leaves no file", async () => {
    const request = await audioRequest('garbage.mp4', 'garbage-audio');
    await writeFile(request.sources[0]?.file ?? '', 'this is not a Matroska file');
    const failure = await failureOf(createCompositionRenderer().render(request));
    expect(failure.code).toBe(53626);
    expect(failure.message).toMatch(
      /^Internal failure while processing media composition: ffmpeg exited with code 1\n/,
    );
    expect(failure.message).toContain('Invalid data found when processing input');
    expect((await readdir(dir)).filter((file) => file.startsWith('garbage.mp4'))).toEqual([]);
  });

  it.each([
    [1, ['start', 'end', 'start', 'end']],
    [2, ['start', 'start', 'end', 'end']],
  ])('runs at most %i ffmpeg at once', async (concurrency, expected) => {
    const log = join(dir, `ffmpeg-${concurrency}.log`);
    const renderer = createCompositionRenderer({ ffmpegPath: await loggingFfmpeg(log), concurrency });
    const requests = await Promise.all([
      audioRequest(`queued-${concurrency}-a.mp4`),
      audioRequest(`queued-${concurrency}-b.mp4`),
    ]);
    await writeFile(requests[0]?.sources[0]?.file ?? '', 'a recording');
    const results = await Promise.all(requests.map((request) => renderer.render(request)));
    expect(results.map((result) => result.sizeBytes)).toEqual([5, 5]);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(expected);
  });

  it('logs a progress callback that throws and still finishes', async () => {
    const logger = memoryLogger();
    const request = await audioRequest('throwing-progress.mp4');
    await writeFile(request.sources[0]?.file ?? '', 'a recording');
    const ffmpegPath = await loggingFfmpeg(join(dir, 'throwing.log'));
    const failing = () => {
      throw new Error('the listener broke');
    };
    const result = await createCompositionRenderer({ ffmpegPath, logger }).render({
      ...request,
      onProgress: failing,
    });
    expect(result.sizeBytes).toBe(5);
    expect(logger.entries).toEqual([
      {
        level: 'error',
        message: 'a composition progress callback failed',
        cause: new Error('the listener broke'),
      },
    ]);
  });

  it('does not start when its signal has already aborted', async () => {
    const log = join(dir, 'never.log');
    const request = await audioRequest('aborted.mp4');
    await writeFile(request.sources[0]?.file ?? '', 'a recording');
    const renderer = createCompositionRenderer({ ffmpegPath: await loggingFfmpeg(log) });
    await expect(renderer.render({ ...request, signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(existsSync(log)).toBe(false);
    expect(existsSync(request.output)).toBe(false);
  });
});
