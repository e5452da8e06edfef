import { watch } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, stopCliRuns } from './test-support/run-cli.js';

afterEach(stopCliRuns);

type Printed = Awaited<ReturnType<ReturnType<typeof runCli>['ready']>>;

const authorization = (printed: Printed) =>
  `Basic ${Buffer.from(`${printed.accountSid}:${printed.authToken}`).toString('base64')}`;

/** Creates rooms named `changed-N`, one after another, counting in `made`, until the process dies. */
async function createRoomsUntilKilled(printed: Printed, made: { count: number }): Promise<void> {
  for (;;) {
    const response = await fetch(`${printed.url}/v1/Rooms`, {
      method: 'POST',
      headers: { authorization: authorization(printed), 'content-type': 'application/x-www-form-urlencoded' },
      body: `UniqueName=changed-${made.count}`,
    }).catch((error: Error) => error);
    if (response instanceof Error) return; // killed
    expect(response.status).toBe(201);
    made.count += 1;
  }
}

/** The `changed-N` room numbers in the state file's first account, in creation order. */
async function savedNumbers(stateFile: string): Promise<number[]> {
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as {
    accounts: { rooms: { uniqueName: string }[] }[];
  };
  return (state.accounts[0]?.rooms ?? [])
    .map((room) => /^changed-(\d+)$/.exec(room.uniqueName)?.[1])
    .filter((number) => number !== undefined)
    .map(Number);
}

describe('--state-file', () => {
  it('restarts with the last state saved when the process is killed with SIGKILL in the middle of a write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomlab-state-file-'));
    const stateFile = join(dir, 'state.json');
    const made = { count: 0 };
    for (let round = 0; round < 3; round++) {
      const cli = runCli(['start', '--port', '0', '--no-proxy', '--state-file', stateFile]);
      const printed = await cli.ready();
      if (round === 0) {
        // Enough rooms that each write of the state takes a while: the kill lands inside one.
        const seeded = await fetch(`${printed.url}/_roomlab/seed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ accounts: [{ sid: printed.accountSid, rooms: Array(800).fill({}) }] }),
        });
        expect(seeded.status).toBe(200);
      }
      let killed = false;
      const writes = watch(dir, (_, name) => {
        if (killed || !name?.endsWith('.tmp') || made.count < 20) return;
        killed = cli.child.kill('SIGKILL');
      });
      await createRoomsUntilKilled(printed, made);
      writes.close();
      expect(await cli.exited).toBe(null); // killed, not exited

      // The file is a whole snapshot, one that was saved: the first rooms created, in order.
      const saved = await savedNumbers(stateFile);
      expect(saved).toEqual(saved.map((_, index) => index));
      expect(saved.length).toBeLessThanOrEqual(made.count);
      const restarted = runCli(['start', '--port', '0', '--no-proxy', '--state-file', stateFile]);
      const again = await restarted.ready();
      expect(again.accountSid).toBe(printed.accountSid);
      const listed = await fetch(`${again.url}/v1/Rooms?PageSize=1000`, {
        headers: { authorization: authorization(again) },
      });
      const names = ((await listed.json()) as { rooms: { unique_name: string }[] }).rooms.map(
        (room) => room.unique_name,
      );
      expect(names.filter((name) => name.startsWith('changed-'))).toHaveLength(saved.length);
      restarted.child.kill('SIGKILL');
      await restarted.exited;
      made.count = saved.length;
    }
  }, 60_000);
});
