import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.js';
import { controlTarget } from '../test-support/control-target.js';
import { runCli, stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

/** Where the rooms' status callbacks go: it answers 200, after `delayMs`. */
let receiver: Server;
let receiverUrl = '';
let delayMs = 0;
beforeAll(async () => {
  receiver = createServer((_request, response) => {
    setTimeout(() => response.end('ok'), delayMs);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/callbacks`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

/** The environment with neither colour variable, as most users run. */
const plainEnv = { FORCE_COLOR: undefined, NO_COLOR: undefined };
const esc = '\u001b[';

function createRoom(uniqueName: string, auth?: string) {
  const { url, emulator } = target.server();
  const { accountSid, authToken } = emulator.credentials;
  return fetch(`${url}/v1/Rooms`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(auth ?? `${accountSid}:${authToken}`)}` },
    body: new URLSearchParams({ UniqueName: uniqueName, StatusCallback: receiverUrl }),
  });
}

async function callbacksSettled(): Promise<void> {
  const { control } = target.server().emulator;
  while (control.statusCallbacks().some((delivery) => delivery.state === 'pending'))
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('roomlab logs', () => {
  it('merges requests and status-callback deliveries in time order, with status, error code, state and attempts', async () => {
    delayMs = 0;
    expect((await createRoom('standup')).status).toBe(201);
    expect((await createRoom('intruder', 'ACnobody:wrong')).status).toBe(401);
    await callbacksSettled();
    const run = await target.roomlab(['logs'], plainEnv);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\S+Z {2}request {3}POST {4}\/v1\/Rooms {2}201 {2}[\d.]+ ms$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\S+Z  callback  room-created  POST ${receiverUrl}  delivered  1 attempt  RM[0-9a-f]{32}$`,
      ),
    );
    expect(lines[2]).toMatch(/^\S+Z {2}request {3}POST {4}\/v1\/Rooms {2}401 {2}error 20003 {2}[\d.]+ ms$/);
    const times = lines.map((line) => Date.parse(line.split(' ')[0] ?? ''));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('shows only requests with --requests, only callbacks with --callbacks, and the newest N with --limit', async () => {
    delayMs = 0;
    await createRoom('one');
    await createRoom('two');
    await callbacksSettled();
    const requests = (await target.roomlab(['logs', '--requests'], plainEnv)).stdout.trimEnd().split('\n');
    expect(requests.map((line) => line.includes('request'))).toEqual([true, true]);
    const callbacks = (await target.roomlab(['logs', '--callbacks'], plainEnv)).stdout.trimEnd().split('\n');
    expect(callbacks.map((line) => line.includes('callback  room-created'))).toEqual([true, true]);
    const newest = (await target.roomlab(['logs', '--limit', '1'], plainEnv)).stdout.trimEnd().split('\n');
    expect(newest).toHaveLength(1);
    expect(newest[0]).toContain('callback  room-created');
    const bad = await target.roomlab(['logs', '--limit', '0']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: "roomlab: option '--limit <N>' argument '0' is invalid. give a whole number of 1 or more\n",
    });
  });

  it('colours its lines with FORCE_COLOR, and never when piped or with NO_COLOR', async () => {
    delayMs = 0;
    await createRoom('colourful');
    await callbacksSettled();
    const forced = await target.roomlab(['logs'], { ...plainEnv, FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${esc}32m201${esc}0m`); // a success in green
    expect(forced.stdout).toContain(`${esc}32mdelivered${esc}0m`);
    const piped = await target.roomlab(['logs'], plainEnv);
    expect(piped.stdout).toContain('201');
    expect(piped.stdout).not.toContain(esc);
    const noColor = await target.roomlab(['logs'], { ...plainEnv, NO_COLOR: '1' });
    expect(noColor.stdout).not.toContain(esc);
  });

  it("with --follow prints what comes later, each delivery's new state once, and stops on Ctrl-C with exit code 0", async () => {
    delayMs = 0;
    await createRoom('before');
    await callbacksSettled();
    const follow = runCli(
      ['logs', '--follow', '--requests', '--callbacks', '--url', target.server().url],
      plainEnv,
    );
    const printed = () => follow.output().stdout;
    await until(() => printed().includes('delivered'), 'the entries made before it started');
    expect(printed().trimEnd().split('\n')).toHaveLength(2);

    delayMs = 2500; // the receiver answers slowly, so the delivery is seen pending, then delivered
    expect((await createRoom('after')).status).toBe(201);
    await until(
      () =>
        printed()
          .split('\n')
          .filter((line) => line.includes('delivered')).length === 2,
      'the new delivery',
    );
    await new Promise((resolve) => setTimeout(resolve, 1200)); // more polls: nothing is printed again
    const lines = printed().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/request {3}POST {4}\/v1\/Rooms {2}201/);
    expect(lines[3]).toMatch(/callback {2}room-created .* pending {2}0 attempts/);
    expect(lines[4]).toMatch(/callback {2}room-created .* delivered {2}1 attempt/);

    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
    expect(follow.output().stderr).toBe('');
  });

  it('with --follow ends with exit code 1 when the emulator goes away', async () => {
    const running = await startServer({ port: 0, media: false });
    const follow = runCli(['logs', '--follow', '--url', running.url], plainEnv);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await running.close();
    expect(await follow.exited).toBe(1);
    expect(follow.output().stderr).toBe(
      `roomlab: no roomlab is answering at ${running.url}: connection refused\n`,
    );
  });
});
