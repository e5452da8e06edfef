import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';
import type { EngineState } from './engine-state.js';

function busyEngine() {
  const fixture = engineFixture();
  const { engine, accountSid, clock } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'kept', emptyRoomTimeout: 2 });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
  engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'video', name: 'cam' });
  engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, [
    { type: 'include', kind: 'video' },
  ]);
  clock.advance(1000);
  engine.completeRoom({ accountSid, room: engine.createRoom({ accountSid }, { uniqueName: 'done' }).sid });
  return { ...fixture, room, alice, bob };
}

describe('snapshots', () => {
  it('survive a JSON round trip into a new engine with every room, participant, track and rule', () => {
    const { engine, clock } = busyEngine();
    const state = JSON.parse(JSON.stringify(engine.snapshot())) as EngineState;
    const copy = createEngine({ clock });
    copy.restore(state);
    expect(copy.snapshot()).toEqual(engine.snapshot());
    expect(copy.events()).toEqual(engine.events());
  });

  it('keep indexes working after a restore: unique names, API keys, subscriptions', () => {
    const { engine, clock, accountSid, account } = busyEngine();
    const copy = createEngine({ clock });
    copy.restore(engine.snapshot());
    expect(codeOf(() => copy.createRoom({ accountSid }, { uniqueName: 'kept' }))).toBe(53113);
    expect(copy.createRoom({ accountSid }, { uniqueName: 'done' }).status).toBe('in-progress');
    const [key] = [...account.apiKeys.values()];
    expect(copy.authenticate({ username: key?.sid ?? '', password: key?.secret ?? '' })).toBe(accountSid);
    const bob = copy.getParticipant({ accountSid, room: 'kept', participant: 'bob' });
    expect(bob.subscribedTracks.size).toBe(1);
  });

  it('rebuild pending timeouts, so a restored room still times out', () => {
    const { engine, clock, accountSid, alice, bob } = busyEngine();
    const copy = createEngine({ clock });
    copy.restore(engine.snapshot());
    engine.dispose();
    copy.disconnectParticipant({ accountSid, room: 'kept', participant: alice.sid });
    copy.disconnectParticipant({ accountSid, room: 'kept', participant: bob.sid });
    clock.advance(2 * 60_000);
    expect(copy.listRooms({ accountSid }, { uniqueName: 'kept', status: 'completed' })).toHaveLength(1);
  });

  it('restore one account without touching another', () => {
    const { engine, accountSid } = busyEngine();
    const other = engine.addAccount().sid;
    const saved = engine.snapshot(accountSid);
    engine.createRoom({ accountSid: other }, { uniqueName: 'theirs' });
    engine.createRoom({ accountSid }, { uniqueName: 'later' });
    engine.restore(saved, accountSid);
    expect(engine.listRooms({ accountSid }).map((room) => room.uniqueName)).toEqual(['kept']);
    expect(engine.listRooms({ accountSid: other }).map((room) => room.uniqueName)).toEqual(['theirs']);
  });

  it('refuse something that is not a snapshot with 20001, changing nothing', () => {
    const { engine } = busyEngine();
    const before = engine.snapshot();
    for (const bad of [
      {},
      { format: 'roomlab-engine-state', version: 2 },
      { ...before, accounts: [{ sid: 'AC1' }] },
      null,
    ]) {
      expect(codeOf(() => engine.restore(bad as EngineState))).toBe(20001);
    }
    expect(engine.snapshot()).toEqual(before);
  });

  it('clears one account’s rooms and keeps its keys', () => {
    const { engine, accountSid, account } = busyEngine();
    engine.clearRooms(accountSid);
    expect(engine.listRooms({ accountSid }, { status: 'completed' })).toEqual([]);
    expect(engine.listRooms({ accountSid })).toEqual([]);
    expect(engine.getAccount(accountSid)?.apiKeys.size).toBe(account.apiKeys.size);
    expect(engine.events().filter((event) => event.accountSid === accountSid)).toEqual([]);
  });
});
