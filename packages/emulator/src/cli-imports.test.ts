import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The built CLI in a fresh Node process (turbo builds before this test), saying what it loaded.
const scenario = new URL('./test-support/cli-scenario.mjs', import.meta.url).pathname;

async function start(dataDir: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [scenario, 'start', '--port', '0', '--data-dir', dataDir],
    { timeout: 30_000 },
  );
  return {
    loaded: JSON.parse(/^loaded (.+)$/m.exec(stdout)?.[1] ?? 'null') as string[],
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
  });
});
