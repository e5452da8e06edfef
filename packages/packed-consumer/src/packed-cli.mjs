// The packed `roomlab` bin, started as a user starts it: its bundled CLI must listen, answer /health,
// and load what it keeps external from the installed packages on first need: the certificate library
// (a first start makes the proxy's CA) and zod's full API (a seed checks its fixture with it).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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

/** The inspector's page and the script it loads, as the packed build serves them. */
async function checkInspector(/** @type {string} */ url) {
  const page = await fetch(`${url}/_roomlab/ui/`);
  const html = await page.text();
  const script = /<script[^>]+src="(\/_roomlab\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (page.status !== 200 || !script)
    throw new Error(
      `GET /_roomlab/ui/ answered ${page.status} with no script of the inspector:\n${html.slice(0, 500)}`,
    );
  const asset = await fetch(`${url}${script}`);
  const type = asset.headers.get('content-type') ?? '';
  if (asset.status !== 200 || !/javascript/.test(type))
    throw new Error(`GET ${script} answered ${asset.status} (${type})`);
}

/**
 * `roomlab api:video:v1:rooms:create` from the packed bin (its spec table is a chunk of the bundle), with
 * the printed credentials; then `roomlab rooms -o json` (a control command) must list the room.
 */
async function checkCommands(
  /** @type {string} */ bin,
  /** @type {string} */ url,
  /** @type {string} */ printed,
) {
  const field = (/** @type {string} */ label) => new RegExp(`${label}\\s+(\\S+)`).exec(printed)?.[1] ?? '';
  const env = {
    ...process.env,
    ROOMLAB_URL: url,
    TWILIO_ACCOUNT_SID: field('account SID'),
    TWILIO_AUTH_TOKEN: field('auth token'),
  };
  const run = promisify(execFile);
  const created = await run(bin, ['api:video:v1:rooms:create', '--unique-name', 'packed', '-o', 'json'], {
    env,
  });
  const [room] = JSON.parse(created.stdout);
  if (room?.uniqueName !== 'packed' || !/^RM[0-9a-f]{32}$/.test(room.sid))
    throw new Error(`api:video:v1:rooms:create printed ${created.stdout}`);
  const listed = JSON.parse((await run(bin, ['rooms', '-o', 'json'], { env })).stdout);
  if (!listed.some((/** @type {{ sid: string }} */ each) => each.sid === room.sid))
    throw new Error(`roomlab rooms did not list ${room.sid}`);
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
    await checkInspector(url ?? '');
    await checkCommands(bin, url ?? '', printed);
    return [
      'listened',
      'answered /health',
      'made its CA',
      'refused a bad seed with 20001',
      'served the inspector',
      'ran api:video:v1:rooms:create and rooms',
    ];
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(stateHome, { recursive: true, force: true });
  }
}
