import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

const fixture = {
  accounts: [
    {
      rooms: [
        {
          uniqueName: 'standup',
          participants: [
            {
              identity: 'alice',
              tracks: [
                { kind: 'audio', name: 'mic' },
                { kind: 'video', name: 'cam', enabled: false },
              ],
            },
            { identity: 'bob' },
          ],
        },
        { uniqueName: 'yesterday', status: 'completed' },
      ],
    },
  ],
};

async function seeded() {
  const { accounts } = await target.server().emulator.control.seed(fixture);
  const [standup, yesterday] = accounts[0]?.rooms ?? [];
  if (!standup || !yesterday) throw new Error('the seed made no rooms');
  return { accountSid: accounts[0]?.sid ?? '', standup, yesterday };
}

describe('roomlab rooms', () => {
  it('prints each room with its participants and their published tracks, as an indented table', async () => {
    const { accountSid, standup, yesterday } = await seeded();
    const [alice, bob] = standup.participants;
    const run = await target.roomlab(['rooms']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SID\s+Name\s+Type\s+Status\s+Parent$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${standup.sid}\\s+standup\\s+group\\s+in-progress\\s+${accountSid}$`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^  ${alice?.sid}\\s+alice\\s+participant\\s+connected\\s+${standup.sid}$`),
    );
    expect(lines[3]).toMatch(
      new RegExp(`^    MT[0-9a-f]{32}\\s+mic\\s+audio track\\s+enabled\\s+${alice?.sid}$`),
    );
    expect(lines[4]).toMatch(
      new RegExp(`^    MT[0-9a-f]{32}\\s+cam\\s+video track\\s+disabled\\s+${alice?.sid}$`),
    );
    expect(lines[5]).toMatch(new RegExp(`^  ${bob?.sid}\\s+bob\\s+participant\\s+connected`));
    expect(lines[6]).toMatch(new RegExp(`^${yesterday.sid}\\s+yesterday\\s+group\\s+completed`));
    expect(lines).toHaveLength(7);
  });

  it('filters by --status, and gives the rooms as JSON with -o json and as tab-separated values with -o tsv', async () => {
    const { standup, yesterday } = await seeded();
    const completed = await target.roomlab(['rooms', '--status', 'completed', '-o', 'json']);
    expect(completed.code).toBe(0);
    expect(JSON.parse(completed.stdout)).toEqual([
      expect.objectContaining({ sid: yesterday.sid, uniqueName: 'yesterday', status: 'completed' }),
    ]);
    const live = JSON.parse(
      (await target.roomlab(['rooms', '--status', 'in-progress', '-o', 'json'])).stdout,
    );
    expect(live[0].participants.map((p: { identity: string }) => p.identity)).toEqual(['alice', 'bob']);
    expect(live[0].participants[0].publishedTracks.map((t: { name: string }) => t.name)).toEqual([
      'mic',
      'cam',
    ]);

    const tsv = await target.roomlab(['rooms', '-o', 'tsv', '--status', 'in-progress']);
    const rows = tsv.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows[0]).toEqual(['SID', 'Name', 'Type', 'Status', 'Parent']);
    expect(rows[1]?.slice(0, 4)).toEqual([standup.sid, 'standup', 'group', 'in-progress']);
    expect(rows[2]?.[0]).toBe(standup.participants[0]?.sid); // no indentation in tsv
    expect(rows).toHaveLength(6);
  });

  it('shows one account with --account-sid, says when there are no rooms, and answers an unknown account with its error', async () => {
    const { accountSid } = await seeded();
    const other = (
      await target.server().emulator.control.seed({ accounts: [{ rooms: [{ uniqueName: 'elsewhere' }] }] })
    ).accounts[0]?.sid;
    const mine = await target.roomlab(['rooms', '--account-sid', accountSid, '-o', 'json']);
    expect(JSON.parse(mine.stdout).map((room: { uniqueName: string }) => room.uniqueName)).toEqual([
      'standup',
      'yesterday',
    ]);
    expect((await target.roomlab(['rooms', '--account-sid', other ?? ''])).stdout).toContain('elsewhere');

    target.server().emulator.control.reset();
    expect(await target.roomlab(['rooms'])).toMatchObject({ code: 0, stdout: 'no rooms\n' });
    expect(await target.roomlab(['rooms', '--account-sid', `AC${'0'.repeat(32)}`])).toMatchObject({
      code: 1,
      stderr: `roomlab: Account AC${'0'.repeat(32)} was not found (20404)\n`,
    });
  });

  it('refuses a status or output format it does not have, with exit code 2', async () => {
    const status = await target.roomlab(['rooms', '--status', 'open']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("option '--status <status>' argument 'open' is invalid");
    const output = await target.roomlab(['rooms', '-o', 'yaml']);
    expect(output.code).toBe(2);
    expect(output.stderr).toContain('Allowed choices are columns, json, tsv');
  });
});
