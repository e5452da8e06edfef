import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { version } from './version.js';

const packageJson = new URL('../package.json', import.meta.url);

it('reports the version in package.json', async () => {
  const { version: inPackage } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  expect(version).toBe(inPackage);
});

it('follows package.json when a release bumps it: the built module read beside another package.json', async () => {
  // The layout of the published package (package.json, dist/version.js), with a version no source holds.
  const copy = await mkdtemp(join(tmpdir(), 'roomlab-version-'));
  try {
    const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as Record<string, unknown>;
    await writeFile(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: '9.8.7-next.6' }));
    await cp(new URL('../dist/version.js', import.meta.url), join(copy, 'dist', 'version.js'));
    const read = `import(${JSON.stringify(join(copy, 'dist', 'version.js'))}).then((m) => console.log(m.version))`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      read,
    ]);
    expect(stdout.trim()).toBe('9.8.7-next.6');
    expect(stderr).toBe(''); // no experimental warning on the supported Node versions
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
});
