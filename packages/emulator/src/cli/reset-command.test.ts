import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

const roomNames = () =>
  target
    .server()
    .emulator.control.snapshot()
    .accounts.flatMap((account) => account.rooms.map((room) => room.uniqueName));

describe('roomlab reset', () => {
  it('puts every account back to start-up, and clears the faults', async () => {
    const { control } = target.server().emulator;
    await control.seed({ accounts: [{ rooms: [{ uniqueName: 'a' }] }, { rooms: [{ uniqueName: 'b' }] }] });
    control.faults.add({ latencyMs: 5 });
    const run = await target.roomlab(['reset']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reset every account to the reset point');
    expect(roomNames()).toEqual([]);
    expect(control.faults.list()).toEqual([]);
  });

  it('resets one account with --account-sid, and answers an unknown one with its error', async () => {
    const { control } = target.server().emulator;
    const { accounts } = await control.seed({
      accounts: [{ rooms: [{ uniqueName: 'a' }] }, { rooms: [{ uniqueName: 'b' }] }],
    });
    const first = accounts[0]?.sid ?? '';
    const run = await target.roomlab(['reset', '--account-sid', first]);
    expect(run).toMatchObject({ code: 0, stdout: `reset account ${first} to its reset point\n` });
    expect(roomNames()).toEqual(['b']);
    const unknown = await target.roomlab(['reset', '--account-sid', `AC${'9'.repeat(32)}`]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: `roomlab: Account AC${'9'.repeat(32)} was not found (20404)\n`,
    });
  });
});
