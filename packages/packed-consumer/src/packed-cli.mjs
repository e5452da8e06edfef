// The packed `roomlab` bin, started as a user starts it: its bundled CLI must listen, answer /health,
// and load what it keeps external from the installed packages on first need: the certificate library
// (a first start makes the proxy's CA) and zod's full API (a seed checks its fixture with it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const giveUpMs = 30_000;

/** What `roomlab start` prints once listening (one write); rejects if it exits or prints none in time. */
function printedStart(/** @type {import('node:child_process').ChildProcessWithoutNullStreams} */ child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`printed no URL in ${giveUpMs} ms:\n${output}`)),
      giveUpMs,
    );
    const read = (/** @type {string} */ chunk) => {
      output += chunk;
      if (/roomlab listening on \S+/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Starts `bin` with `start --port 0` in `cwd`, checks its answers, and stops it; @returns the checks. */
export async function checkPackedCli(/** @type {string} */ bin, /** @type {string} */ cwd) {
  const stateHome = mkdtempSync(join(tmpdir(), 'roomlab-packed-state-'));
  const child = spawn(bin, ['start', '--port', '0'], {
    cwd,
    env: { ...process.env, XDG_STATE_HOME: stateHome },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const printed = /** @type {string} */ (await printedStart(child));
    const url = /roomlab listening on (\S+)/.exec(printed)?.[1];
    if (!/local CA ([0-9A-F]{2}:){31}[0-9A-F]{2}/.test(printed))
      throw new Error(`printed no local CA fingerprint:\n${printed}`);
    const health = await fetch(`${url}/health`);
    if (health.status !== 200) throw new Error(`GET ${url}/health answered ${health.status}`);
    const seed = await fetch(`${url}/_roomlab/seed`, {
      method: 'POST',
      body: '{"accounts":[{"sid":"AC1"}]}',
    });
    const refusal = /** @type {{ code?: number }} */ (await seed.json());
    if (seed.status !== 400 || refusal.code !== 20001)
      throw new Error(
        `a bad seed answered ${seed.status} ${JSON.stringify(refusal)}, not 400 with code 20001`,
      );
    return ['listened', 'answered /health', 'made its CA', 'refused a bad seed with 20001'];
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(stateHome, { recursive: true, force: true });
  }
}
