import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'roomlab-seed-')), 'fixture.json');
  await writeFile(file, text);
  return file;
}

describe('roomlab seed', () => {
  it('posts the fixture and prints the SIDs of what it made, which the emulator then has', async () => {
    const file = await fileWith(
      JSON.stringify({
        accounts: [
          { rooms: [{ uniqueName: 'standup', participants: [{ identity: 'alice' }, { identity: 'bob' }] }] },
        ],
      }),
    );
    const run = await target.roomlab(['seed', file]);
    expect(run.code).toBe(0);
    const room = /^ {2}room (RM[0-9a-f]{32}) {2}standup$/m.exec(run.stdout)?.[1];
    const alice = /^ {4}participant (PA[0-9a-f]{32}) {2}alice$/m.exec(run.stdout)?.[1];
    expect(run.stdout).toMatch(/^account AC[0-9a-f]{32}$/m);
    expect(run.stdout).toMatch(/^seeded 1 room and 2 participants in 1 account$/m);
    const rooms = target
      .server()
      .emulator.control.snapshot()
      .accounts.flatMap((account) => account.rooms);
    expect(rooms.map((each) => [each.sid, each.uniqueName, each.participants[0]?.sid])).toEqual([
      [room, 'standup', alice],
    ]);
  });

  it('answers a fixture the emulator refuses with its error, and changes nothing', async () => {
    const file = await fileWith(
      JSON.stringify({ accounts: [{ rooms: [{ uniqueName: 'x', colour: 'red' }] }] }),
    );
    const run = await target.roomlab(['seed', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^roomlab: Invalid fixture: .*colour.* \(20001\)\n$/);
    expect(
      target
        .server()
        .emulator.control.snapshot()
        .accounts.flatMap((account) => account.rooms),
    ).toEqual([]);
  });

  it('says so when the file is missing or not JSON, and needs the FILE argument', async () => {
    const missing = await target.roomlab(['seed', '/nonexistent/fixture.json']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'roomlab: cannot read /nonexistent/fixture.json: ENOENT\n',
    });
    const notJson = await fileWith('{"accounts": [');
    const bad = await target.roomlab(['seed', notJson]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`roomlab: ${notJson} is not JSON:`);
    const none = await target.roomlab(['seed']);
    expect(none).toMatchObject({ code: 2, stderr: "roomlab: missing required argument 'FILE'\n" });
  });
});
