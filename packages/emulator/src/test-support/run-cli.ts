import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI as users run it: the package's bin over the built dist (turbo builds before these tests).
const bin = new URL('../../bin/roomlab.js', import.meta.url).pathname;
const running: ChildProcess[] = [];

/** Kills every CLI a test started (call it in `afterEach`). */
export function stopCliRuns(): void {
  for (const child of running.splice(0)) child.kill('SIGKILL');
}

/**
 * Starts `roomlab` with `args`. Its default state directory (where the proxy's CA is kept) is a new
 * temporary one, so tests never write into the user's home.
 */
export function runCli(args: string[]) {
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'roomlab-state-')) };
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const ready = async () => {
    while (!/API key secret\s+\S+/.test(stdout)) {
      if (child.exitCode !== null) throw new Error(`roomlab exited early: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(stdout)?.[1] ?? '';
    return {
      url: /roomlab listening on (\S+)/.exec(stdout)?.[1] ?? '',
      accountSid: field('account SID'),
      authToken: field('auth token'),
      apiKeySid: field('API key SID'),
      apiKeySecret: field('API key secret'),
      inspector: field('inspector'),
    };
  };
  /** What the start printed for zero-code routing: the exports, the Chromium flags and the CA's fingerprint. */
  const routing = async () => {
    await ready();
    return {
      environment: Object.fromEntries(
        [...stdout.matchAll(/export (\w+)=(\S+)/g)].map(([, name, value]) => [name, value]),
      ),
      chromiumFlags: /Chromium flags: (.+)/.exec(stdout)?.[1]?.split(' ') ?? [],
      caFingerprint: /local CA (\S+)/.exec(stdout)?.[1] ?? '',
    };
  };
  return { child, exited, output, ready, routing };
}
