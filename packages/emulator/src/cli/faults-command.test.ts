import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

describe('roomlab faults', () => {
  it('adds a fault from flags, which then applies to the requests it matches', async () => {
    const { url, emulator } = target.server();
    const run = await target.roomlab([
      'faults',
      'add',
      '--path',
      '/v1/Rooms',
      '--error-code',
      '20429',
      '--retry-after-seconds',
      '1',
      '--times',
      '1',
    ]);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'added FT0001: rest, any method /v1/Rooms*: error 20429, Retry-After 1 s\n',
    });
    expect(emulator.control.faults.list()).toEqual([
      { kind: 'rest', id: 'FT0001', path: '/v1/Rooms', errorCode: 20429, retryAfterSeconds: 1, times: 1 },
    ]);
    const answer = await fetch(`${url}/v1/Rooms`);
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('adds one from --json, lists them as a table or JSON, removes one and clears them all', async () => {
    const { emulator } = target.server();
    const webhook = await target.roomlab([
      'faults',
      'add',
      '--kind',
      'webhook',
      '--action',
      'delay',
      '--delay-ms',
      '200',
    ]);
    expect(webhook.stdout).toMatch(/^added (FT\d{4}): webhook, every callback: delayed 200 ms\n$/);
    const json = await target.roomlab([
      'faults',
      'add',
      '--json',
      '{"method":"POST","latencyMs":50,"rate":0.5}',
    ]);
    expect(json.stdout).toMatch(/: rest, POST any path: 50 ms latency\n$/);
    const [first, second] = emulator.control.faults.list().map((fault) => fault.id);

    const table = await target.roomlab(['faults']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+Kind\s+Matches\s+Effect\s+Times Left\s+Rate$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${first}\\s+webhook\\s+every callback\\s+delayed 200 ms\\s+unlimited\\s+1$`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^${second}\\s+rest\\s+POST any path\\s+50 ms latency\\s+unlimited\\s+0\\.5$`),
    );
    const listed = JSON.parse((await target.roomlab(['faults', '-o', 'json'])).stdout);
    expect(listed).toEqual(emulator.control.faults.list());

    expect(await target.roomlab(['faults', 'remove', first ?? ''])).toMatchObject({
      code: 0,
      stdout: `removed ${first}\n`,
    });
    expect(emulator.control.faults.list().map((fault) => fault.id)).toEqual([second]);
    expect(await target.roomlab(['faults', 'clear'])).toMatchObject({
      code: 0,
      stdout: 'removed every fault\n',
    });
    expect(emulator.control.faults.list()).toEqual([]);
    expect(await target.roomlab(['faults'])).toMatchObject({ code: 0, stdout: 'no faults\n' });
  });

  it("answers the emulator's error for a fault it refuses or an unknown ID", async () => {
    const invalid = await target.roomlab(['faults', 'add', '--method', 'GET']);
    expect(invalid).toMatchObject({
      code: 1,
      stderr: 'roomlab: Invalid fault: give an errorCode, a latencyMs, or both (20001)\n',
    });
    expect(await target.roomlab(['faults', 'remove', 'FT0042'])).toMatchObject({
      code: 1,
      stderr: 'roomlab: Fault FT0042 was not found (20404)\n',
    });
  });

  it('refuses bad flags with exit code 2: an unknown kind, --json with flags, bad JSON, no description', async () => {
    const kind = await target.roomlab(['faults', 'add', '--kind', 'dns']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain("option '--kind <kind>' argument 'dns' is invalid");
    expect(
      await target.roomlab(['faults', 'add', '--json', '{"latencyMs":5}', '--times', '2']),
    ).toMatchObject({
      code: 2,
      stderr: "roomlab: option '--json <JSON>' cannot be used with option '--times <N>'\n",
    });
    const json = await target.roomlab(['faults', 'add', '--json', '{latencyMs:5}']);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain(
      "option '--json <JSON>' argument '{latencyMs:5}' is invalid. it is not JSON",
    );
    const rate = await target.roomlab(['faults', 'add', '--latency-ms', 'soon']);
    expect(rate.stderr).toContain("option '--latency-ms <N>' argument 'soon' is invalid. give a number");
    expect(await target.roomlab(['faults', 'add'])).toMatchObject({
      code: 2,
      stderr: 'roomlab: describe the fault with flags (see --help) or --json\n',
    });
    expect(target.server().emulator.control.faults.list()).toEqual([]);
  });
});
