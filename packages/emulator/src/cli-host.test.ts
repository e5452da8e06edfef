import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';

// The CLI as users run it (the bin over the built dist), listening where `--host` says: a container
// gives `--host 0.0.0.0` (see the Dockerfile); here a second loopback address, so nothing leaves the
// machine, shows the address is the one asked for.
const bin = new URL('../bin/roomlab.js', import.meta.url).pathname;
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

it('listens on the interface --host names, and only there', async () => {
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.2']);
  stops.push(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.setEncoding('utf8');
  while (!/roomlab listening on \S+/.test(stdout)) stdout += (await once(child.stdout, 'data'))[0];
  const url = /roomlab listening on (\S+)/.exec(stdout)?.[1] ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
  expect((await fetch(`${url}/health`)).status).toBe(200);
  await expect(fetch(url.replace('127.0.0.2', '127.0.0.1'))).rejects.toThrow();
});
