import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { memoryLogger } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { deferred } from './lazy-media.js';

// A fresh Node process imports the built entries (turbo builds before this test), as a downstream app
// does, and says which npm packages it loaded.
const scenario = new URL('./test-support/import-scenario.mjs', import.meta.url).pathname;
const loadedBy = async (...args: string[]): Promise<string[]> => {
  const { stdout } = await promisify(execFile)(process.execPath, [scenario, ...args], { timeout: 30_000 });
  return JSON.parse(stdout) as string[];
};

describe('the media stack loads on first need', () => {
  it('is not loaded by importing the emulator and doing REST work, on a server or in process', async () => {
    const loaded = await loadedBy();
    expect(loaded).toContain('express');
    expect(loaded).toContain('msw');
    expect(loaded).not.toContain('werift');
    expect(loaded).not.toContain('mediabunny');
  });

  it('is loaded once a client joins a room over signaling', async () => {
    expect(await loadedBy('join')).toContain('werift');
  });

  it('is loaded up front by loadMediaStack()', async () => {
    expect(await loadedBy('preload')).toContain('werift');
  });
});

describe('deferred', () => {
  const later = <T>() => {
    let settle: { resolve(value: T): void; reject(error: unknown): void } | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    return { promise, ...(settle as NonNullable<typeof settle>) };
  };

  it('loads on the first call only, and replays calls made while loading in order', async () => {
    const load = later<string[]>();
    let loads = 0;
    const target = deferred({
      what: 'a list',
      load: () => {
        loads++;
        return load.promise;
      },
      logger: memoryLogger(),
    });
    expect(target.runIfStarted((list) => list.push('never'))).toBe(false);
    target.run((list) => list.push('first'));
    target.run((list) => list.push('second'));
    const list: string[] = [];
    load.resolve(list);
    await load.promise;
    target.run((list) => list.push('third'));
    expect(list).toEqual(['first', 'second', 'third']);
    expect(loads).toBe(1);
  });

  it('says once why loading failed, and tells the calls waiting for it and later ones, loading no more', async () => {
    const logger = memoryLogger();
    let loads = 0;
    const target = deferred({
      what: 'the media server',
      load: () => {
        loads++;
        return Promise.reject(new Error('no werift'));
      },
      logger,
    });
    const failure = new Promise((resolve) => target.run(() => undefined, resolve));
    expect(await failure).toEqual(new Error('no werift'));
    const later: unknown[] = [];
    target.run(
      () => undefined,
      (error) => later.push(error),
    );
    expect(later).toEqual([new Error('no werift')]);
    expect(loads).toBe(1);
    expect(logger.entries).toEqual([
      { level: 'error', message: 'the media server could not be loaded', cause: new Error('no werift') },
    ]);
  });
});
