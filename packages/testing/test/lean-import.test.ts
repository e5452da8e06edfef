import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// A fresh Node process imports the built package (turbo builds before this test), as a test file of an
// app does, and says which npm packages it loaded.
const scenario = new URL('./support/import-scenario.mjs', import.meta.url).pathname;
interface Loaded {
  loaded: string[];
  /** What was loaded once startEmulator() answered, before its `client` was first read. */
  beforeClient?: string[];
  room?: string;
}

const run = async (...args: string[]): Promise<Loaded> => {
  const { stdout } = await promisify(execFile)(process.execPath, [scenario, ...args], { timeout: 30_000 });
  return JSON.parse(stdout);
};

describe('importing @roomlab/testing', () => {
  it('loads no npm package: not twilio, msw, express, zod, jose or the certificate library', async () => {
    expect(await run()).toEqual({ loaded: [] });
  });

  it('leaves the emulator and msw to the first startEmulator(), and twilio to its client’s first use', async () => {
    const { loaded, beforeClient, room } = await run('start');
    expect(room).toBe('lean');
    expect(beforeClient).toEqual(expect.arrayContaining(['msw', 'zod', 'express']));
    expect(beforeClient).not.toContain('twilio');
    expect(loaded).toEqual(expect.arrayContaining(['msw', 'twilio', 'zod', 'express']));
    // jose comes with the first access token made or checked: creating a room needs none.
    expect(loaded).not.toContain('jose');
    expect(loaded).not.toContain('@peculiar/x509');
    expect(loaded).not.toContain('werift');
  });

  it('makes roomlabHandlers() synchronously for an app’s setupServer(...), which then answers Twilio', async () => {
    expect((await run('handlers')).room).toBe('lean');
  });
});
