import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The built CLI in a fresh Node process (turbo builds before this test), saying what it loaded.
const scenario = new URL('./test-support/cli-scenario.mjs', import.meta.url).pathname;

async function start(dataDir: string, ...options: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [scenario, 'start', '--port', '0', '--data-dir', dataDir, ...options],
    { timeout: 30_000 },
  );
  return {
    loaded: JSON.parse(/^loaded (.+)$/m.exec(stdout)?.[1] ?? 'null') as string[],
    modules: JSON.parse(/^modules (.+)$/m.exec(stdout)?.[1] ?? 'null') as string[],
    resolved: JSON.parse(/^resolved (.+)$/m.exec(stdout)?.[1] ?? 'null') as string[],
    caFingerprint: /local CA (\S+)/.exec(stdout)?.[1],
  };
}

describe('roomlab start and its local CA', () => {
  it('makes the CA on the first start, and reads it back on the next without the certificate library', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomlab-data-'));
    const first = await start(dataDir);
    expect((await readdir(join(dataDir, 'ca'))).sort()).toEqual([
      'ca-key.pem',
      'ca.pem',
      'proxy-key.pem',
      'proxy.pem',
    ]);
    expect(first.loaded).toContain('@peculiar/x509');

    const second = await start(dataDir);
    expect(second.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(second.caFingerprint).toBe(first.caFingerprint);
    expect(second.loaded).toContain('express');
    expect(second.loaded).not.toContain('@peculiar/x509');
    expect(second.loaded).not.toContain('werift');
    expect(second.resolved).toEqual([]); // Express and the rest come from the CLI's bundle
  });
});

describe('roomlab start and the libraries it needs later', () => {
  it('starts without the libraries it loads on first need: jose, ws and the full API of zod', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomlab-data-'));
    const { loaded, modules, resolved } = await start(dataDir, '--no-proxy');
    expect(loaded).toEqual(expect.arrayContaining(['express', 'qs']));
    expect(loaded).not.toContain('jose'); // the first token minted or verified
    expect(loaded).not.toContain('ws'); // the first signaling connection
    // zod's full API (seed, transcripts, --config) loads on first need; signaling's small zod/mini is in.
    expect(modules.filter((module) => /^zod\/(index\.js|v4\/classic\/)/.test(module))).toEqual([]);
    expect(modules).toContain('zod/v4/mini/schemas.js');
    // All of that comes from the CLI's bundle: no file is read from node_modules.
    expect(resolved).toEqual([]);
  });
});
