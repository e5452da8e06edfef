import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

/** A room with alice and bob in it, made through the control API's seed. */
async function standup() {
  const { control } = target.server().emulator;
  const { accounts } = await control.seed({
    accounts: [
      { rooms: [{ uniqueName: 'standup', participants: [{ identity: 'alice' }, { identity: 'bob' }] }] },
    ],
  });
  const account = accounts[0];
  const room = account?.rooms[0];
  if (!account || !room) throw new Error('the seed made no room');
  const stateOf = () => control.snapshot(account.sid).accounts[0]?.rooms.find(({ sid }) => sid === room.sid);
  return { accountSid: account.sid, room, stateOf };
}

describe('roomlab rooms complete', () => {
  it('completes a room by SID, and by unique name with --account-sid: its participants are disconnected', async () => {
    const first = await standup();
    const bySid = await target.roomlab(['rooms', 'complete', first.room.sid]);
    expect(bySid).toMatchObject({ code: 0, stdout: `${first.room.sid} (standup): completed\n` });
    expect(first.stateOf()?.status).toBe('completed');
    expect(first.stateOf()?.participants.map(({ status }) => status)).toEqual([
      'disconnected',
      'disconnected',
    ]);

    const second = await standup();
    const byName = await target.roomlab(['rooms', 'complete', 'standup', '--account-sid', second.accountSid]);
    expect(byName).toMatchObject({ code: 0, stdout: `${second.room.sid} (standup): completed\n` });
    expect(second.stateOf()?.status).toBe('completed');
  });

  it('answers an unknown room, a completed one and a missing SID with a clear message, and changes nothing', async () => {
    const { room, stateOf } = await standup();
    expect(await target.roomlab(['rooms', 'complete', 'RM00000000000000000000000000000000'])).toMatchObject({
      code: 1,
      stderr: 'roomlab: Room RM00000000000000000000000000000000 was not found (20404)\n',
    });
    expect(stateOf()?.status).toBe('in-progress');
    await target.roomlab(['rooms', 'complete', room.sid]);
    const again = await target.roomlab(['rooms', 'complete', room.sid]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^roomlab: .+ \(53118\)\n$/);
    expect(await target.roomlab(['rooms', 'complete'])).toMatchObject({
      code: 2,
      stderr: "roomlab: missing required argument 'RoomSid'\n",
    });
    expect(await target.roomlab(['rooms', 'finish', room.sid])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown command 'finish' (rooms has complete)\n",
    });
  });
});

describe('roomlab participants disconnect', () => {
  it('disconnects one participant, as REST Status=disconnected does, and leaves the others', async () => {
    const { room, stateOf } = await standup();
    const [alice] = room.participants;
    const run = await target.roomlab(['participants', 'disconnect', alice?.sid ?? '']);
    expect(run).toMatchObject({ code: 0, stdout: `${alice?.sid} (alice) in ${room.sid}: disconnected\n` });
    expect(stateOf()?.participants.map(({ identity, status }) => [identity, status])).toEqual([
      ['alice', 'disconnected'],
      ['bob', 'connected'],
    ]);
  });

  it('answers an unknown participant and a missing SID with a clear message', async () => {
    const { stateOf } = await standup();
    expect(
      await target.roomlab(['participants', 'disconnect', 'PA00000000000000000000000000000000']),
    ).toMatchObject({
      code: 1,
      stderr: 'roomlab: Participant PA00000000000000000000000000000000 was not found (20404)\n',
    });
    expect(await target.roomlab(['participants', 'disconnect'])).toMatchObject({
      code: 2,
      stderr: "roomlab: missing required argument 'ParticipantSid'\n",
    });
    expect(stateOf()?.participants.every(({ status }) => status === 'connected')).toBe(true);
  });
});
