import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

describe('savepoints', () => {
  it('take back every account, key, room and event added since, and nothing older', () => {
    const { engine, accountSid, clock } = engineFixture();
    const kept = engine.createRoom({ accountSid }, { uniqueName: 'kept' });
    const before = engine.snapshot();
    const sequence = engine.events().at(-1)?.sequence ?? 0;

    const point = engine.savepoint();
    const other = engine.addAccount({});
    const key = engine.createApiKey({ accountSid }, {});
    const added = engine.createRoom(
      { accountSid },
      { uniqueName: 'added', recordParticipantsOnConnect: true },
    );
    const alice = engine.connectParticipant({ accountSid, room: added.sid }, { identity: 'alice' });
    engine.publishTrack({ accountSid, room: added.sid, participant: alice.sid }, { kind: 'audio' });
    engine.completeRoom({ accountSid, room: added.sid });
    point.rollback();

    // All but the log's sequence, which keeps counting (checked below).
    expect({ ...engine.snapshot(), sequence: 0 }).toEqual({ ...before, sequence: 0 });
    expect(engine.getAccount(other.sid)).toBeUndefined();
    expect(codeOf(() => engine.authenticate({ username: key.sid, password: key.secret }))).toBe(20003);
    expect(codeOf(() => engine.getRoom({ accountSid, room: added.sid }))).toBe(20404);
    // The name is free again, the sequence never goes back, and the kept room still times out unused.
    expect(engine.createRoom({ accountSid }, { uniqueName: 'added' }).status).toBe('in-progress');
    expect(engine.events().at(-1)?.sequence).toBeGreaterThan(sequence + 1);
    clock.advance(10 * 60_000);
    expect(engine.getRoom({ accountSid, room: kept.sid }).status).toBe('completed');
  });
});
