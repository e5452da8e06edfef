import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { sendConnect } from '../test-support/proxy-tunnel.js';
import { runCli, stopCliRuns } from '../test-support/run-cli.js';
import { emulatorHttpClient } from '../twilio-http-client.js';

const fixtures = new URL('../../test/fixtures/zero-code/', import.meta.url).pathname;
const run = promisify(execFile);

afterEach(stopCliRuns);

/** Starts `roomlab start` with its proxy; what it printed, and the environment an app is given. */
async function startRoomlab(args: string[] = []) {
  const cli = runCli(['start', '--port', '0', ...args]);
  const printed = await cli.ready();
  const routing = await cli.routing();
  // Only what the start printed, the app's credentials, and a PATH: nothing else of this process.
  const appEnvironment = {
    PATH: process.env.PATH ?? '',
    ...routing.environment,
    TWILIO_ACCOUNT_SID: printed.accountSid,
    TWILIO_AUTH_TOKEN: printed.authToken,
  };
  return { cli, printed, routing, appEnvironment };
}

/** The rooms roomlab holds, asked of it directly: proof the app's calls landed here. */
async function roomsIn(printed: { url: string; accountSid: string; authToken: string }) {
  const client = twilio(printed.accountSid, printed.authToken, {
    httpClient: emulatorHttpClient(printed.url),
  });
  return (await client.video.v1.rooms.list({ status: 'completed' })).map((room) => ({
    name: room.uniqueName,
    status: room.status,
  }));
}

/**
 * What an app printed after making `name`, listing it while in progress and completing it: the room's
 * URL is Twilio's, and roomlab, asked directly, holds it completed.
 */
async function expectRoomMadeOnRoomlab(
  stdout: string,
  printed: { url: string; accountSid: string; authToken: string },
  name: string,
) {
  const answer = JSON.parse(stdout);
  expect(answer).toMatchObject({
    url: `https://video.twilio.com/v1/Rooms/${answer.sid}`,
    listed: [name],
    status: 'completed',
  });
  expect(await roomsIn(printed)).toEqual([{ name, status: 'completed' }]);
}

/** Debian's python3 with Twilio's client, installed by scripts/ensure-test-tools.mjs; says how when missing. */
function debianPythonWithTwilio(): string {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import twilio'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      "Twilio's Python client is not installed for /usr/bin/python3: run node scripts/ensure-test-tools.mjs " +
        'from the repository root (it installs Debian’s python3-twilio)',
    );
  }
  return '/usr/bin/python3';
}

describe('zero-code routing through `roomlab start` (a roomlab extension)', () => {
  it('prints the exports and Chromium flags, with the CA in --data-dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomlab-data-'));
    const { printed, routing } = await startRoomlab(['--data-dir', dataDir]);
    const caFile = join(dataDir, 'ca', 'ca.pem');
    expect(routing.environment).toEqual({
      HTTP_PROXY: printed.url,
      HTTPS_PROXY: printed.url,
      NO_PROXY: 'localhost,127.0.0.1,::1',
      NODE_EXTRA_CA_CERTS: caFile,
      REQUESTS_CA_BUNDLE: caFile,
      TWILIO_CA_BUNDLE: caFile,
    });
    expect(routing.chromiumFlags).toEqual([
      `--proxy-server=${printed.url}`,
      expect.stringMatching(/^--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=$/),
    ]);
  });

  it('keeps its CA: the next start with the same directory has the same CA and Chromium flag', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomlab-data-'));
    const first = await startRoomlab(['--data-dir', dataDir]);
    // The CA is on disk before the start prints: even a start that is killed leaves it for the next.
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    const second = await startRoomlab(['--data-dir', dataDir]);
    expect(second.routing.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(second.routing.caFingerprint).toBe(first.routing.caFingerprint);
    expect(second.routing.chromiumFlags[1]).toBe(first.routing.chromiumFlags[1]);
  });

  it('lets the official Node twilio client, changed in nothing, create, list and complete a room on roomlab', async () => {
    const { printed, appEnvironment } = await startRoomlab();
    const { stdout } = await run(process.execPath, [`${fixtures}twilio-app.mjs`], { env: appEnvironment });
    await expectRoomMadeOnRoomlab(stdout, printed, 'zero-code-node');
  });

  it("lets Twilio's Python client, changed in nothing, create, list and complete a room on roomlab", async () => {
    const python = debianPythonWithTwilio();
    const { printed, appEnvironment } = await startRoomlab();
    // Debian 12's python3-twilio (7.7.1) sends through requests' Session.send, which takes the proxy
    // from the environment but verifies against the system's CA store only (later releases read
    // REQUESTS_CA_BUNDLE too: twilio/twilio-python#592). So, as its users would, the CA is added to the
    // system store, here in a private mount namespace that ends with the app, leaving the machine's as it was.
    const store = '/etc/ssl/certs/ca-certificates.crt';
    const bundle = join(await mkdtemp(join(tmpdir(), 'roomlab-store-')), 'ca-certificates.crt');
    const trustAndRun = `cat ${store} "$REQUESTS_CA_BUNDLE" > ${bundle} && mount --bind ${bundle} ${store} && exec "$0" "$1"`;
    const { stdout } = await run(
      'unshare',
      ['-m', 'sh', '-c', trustAndRun, python, `${fixtures}twilio_app.py`],
      {
        env: appEnvironment,
      },
    );
    await expectRoomMadeOnRoomlab(stdout, printed, 'zero-code-python');
  });

  it('with --no-proxy prints no exports and opens no tunnel', async () => {
    const cli = runCli(['start', '--port', '0', '--no-proxy']);
    const printed = await cli.ready();
    expect(cli.output().stdout).not.toContain('export HTTPS_PROXY');
    const answer = await sendConnect(
      printed.url,
      'CONNECT video.twilio.com:443 HTTP/1.1\r\nhost: video.twilio.com:443\r\n\r\n',
    );
    expect(answer.status).not.toBe(200);
    answer.socket.destroy();
  });
});
