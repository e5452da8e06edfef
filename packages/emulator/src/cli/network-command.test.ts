import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

/** A connected participant, and how the control API shows its network. */
async function participant() {
  const { control } = target.server().emulator;
  const { accounts } = await control.seed({
    accounts: [{ rooms: [{ participants: [{ identity: 'alice' }] }] }],
  });
  const roomSid = accounts[0]?.rooms[0]?.sid ?? '';
  const sid = accounts[0]?.rooms[0]?.participants[0]?.sid ?? '';
  const network = () => {
    const found = control
      .snapshot()
      .accounts.flatMap((account) => account.rooms.flatMap((room) => room.participants))
      .find((each) => each.sid === sid);
    return { level: found?.networkQualityLevel ?? null, conditions: found?.networkConditions ?? null };
  };
  return { sid, roomSid, network };
}

describe('roomlab network', () => {
  it('forces the level with --level, impairs the path with the other flags, and --clear removes both', async () => {
    const { sid, roomSid, network } = await participant();
    const level = await target.roomlab(['network', sid, '--level', '2']);
    expect(level).toMatchObject({ code: 0, stdout: `${sid}  level 2  unimpaired\n` });
    expect(network()).toEqual({ level: 2, conditions: null });

    const impaired = await target.roomlab([
      'network',
      sid,
      '--packet-loss-percent',
      '30',
      '--latency-ms',
      '120',
    ]);
    expect(impaired).toMatchObject({ code: 0, stdout: `${sid}  level 2  30% packet loss, 120 ms latency\n` });
    expect(network()).toEqual({ level: 2, conditions: { packetLossPercent: 30, latencyMs: 120 } });

    const listed = await target.roomlab(['network']);
    expect(listed).toMatchObject({
      code: 0,
      stdout: `${sid}  level 2  30% packet loss, 120 ms latency  in ${roomSid}\n`,
    });

    const cleared = await target.roomlab(['network', sid, '--clear']);
    expect(cleared).toMatchObject({ code: 0, stdout: `${sid}  level not forced  unimpaired\n` });
    expect(network()).toEqual({ level: null, conditions: null });
    expect(await target.roomlab(['network'])).toMatchObject({
      code: 0,
      stdout: 'no participant has a forced network\n',
    });
    expect(await target.roomlab(['network', '--level', '2'])).toMatchObject({
      code: 2,
      stderr: "roomlab: missing required argument 'ParticipantSid': whose network to set\n",
    });
  });

  it("answers the emulator's error for a level out of range or an unknown participant, changing nothing", async () => {
    const { sid, network } = await participant();
    const high = await target.roomlab(['network', sid, '--level', '9', '--jitter-ms', '5']);
    expect(high).toMatchObject({
      code: 1,
      stderr: 'roomlab: Invalid level: 9 is not a whole number from 1 to 5 (20001)\n',
    });
    expect(network()).toEqual({ level: null, conditions: null });
    const unknown = await target.roomlab(['network', `PA${'0'.repeat(32)}`, '--level', '2']);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: `roomlab: Participant PA${'0'.repeat(32)} was not found (20404)\n`,
    });
  });

  it('refuses a flag that is not a number, no setting at all, and --clear with a setting, with exit code 2', async () => {
    const { sid } = await participant();
    expect(await target.roomlab(['network', sid, '--level', 'high'])).toMatchObject({
      code: 2,
      stderr: "roomlab: option '--level <N>' argument 'high' is invalid. give a number\n",
    });
    const nothing = await target.roomlab(['network', sid]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('roomlab: give --level and/or an impairment');
    expect(await target.roomlab(['network', sid, '--clear', '--level', '2'])).toMatchObject({
      code: 2,
      stderr: "roomlab: option '--clear' cannot be used with option '--level <N>'\n",
    });
  });
});
