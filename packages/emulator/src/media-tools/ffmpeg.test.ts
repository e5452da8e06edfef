import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { memoryLogger } from '@roomlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from './ffmpeg.js';

let dir: string;
let onPath: string;
let notExecutable: string;
const absent = () =>
  Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomlab-ffmpeg-'));
  onPath = join(dir, 'ffmpeg');
  await writeFile(onPath, '#!/bin/sh\n');
  await chmod(onPath, 0o755);
  notExecutable = join(dir, 'not-executable');
  await writeFile(notExecutable, '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateFfmpeg', () => {
  it('finds the binary of the optional dependency @ffmpeg-installer/ffmpeg', async () => {
    const found = await locateFfmpeg({ searchPath: '' });
    expect(found).toMatch(/@ffmpeg-installer\/[^/]+\/ffmpeg(\.exe)?$/);
  });

  it('falls back to ffmpeg on PATH when the dependency is not installed, quietly', async () => {
    const logger = memoryLogger();
    const searchPath = ['', join(dir, 'missing'), dir].join(delimiter);
    expect(await locateFfmpeg({ loadInstaller: absent, searchPath, logger })).toBe(onPath);
    expect(logger.entries).toEqual([]);
  });

  it('answers undefined with neither', async () => {
    expect(await locateFfmpeg({ loadInstaller: absent, searchPath: join(dir, 'missing') })).toBeUndefined();
  });

  it('says why when the dependency is there but broken, and still looks on PATH', async () => {
    const logger = memoryLogger();
    const broken = () => Promise.reject('Unsupported platform/architecture: sunos-sparc');
    expect(await locateFfmpeg({ loadInstaller: broken, searchPath: dir, logger })).toBe(onPath);
    expect(logger.entries).toEqual([
      {
        level: 'warn',
        message: '@ffmpeg-installer/ffmpeg could not be loaded; looking for ffmpeg on PATH',
        cause: 'Unsupported platform/architecture: sunos-sparc',
      },
    ]);
  });

  it("uses the caller's path alone, when it can run", async () => {
    expect(await locateFfmpeg({ path: onPath })).toBe(onPath);
    expect(await locateFfmpeg({ path: notExecutable })).toBeUndefined();
  });
});
