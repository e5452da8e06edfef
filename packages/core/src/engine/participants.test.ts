import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

describe('participants', () => {
  it('connects participants up to the room maximum, then refuses with 53105', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, { type: 'go' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    expect(
      codeOf(() => engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'carol' })),
    ).toBe(53105);
    expect(engine.listParticipants({ accountSid, room: room.sid }).map((p) => p.identity)).toEqual([
      'alice',
      'bob',
    ]);
  });

  it('disconnects the older participant with 53205 when the same identity joins again, even in a full room', () => {
    const { engine, accountSid, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { type: 'go' });
    const first = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    const second = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    expect(second.sid).not.toBe(first.sid);
    expect(engine.getParticipant({ accountSid, room: room.sid, participant: first.sid }).status).toBe(
      'disconnected',
    );
    expect(engine.getParticipant({ accountSid, room: room.sid, participant: 'alice' }).sid).toBe(second.sid);
    const left = seen.find((event) => event.name === 'participant-disconnected');
    expect(left).toMatchObject({ participant: { sid: first.sid }, reason: { code: 53205 } });
  });

  it('refuses to connect to a completed room (53118) or, without ad-hoc creation, a missing one (53106)', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, { uniqueName: 'done' });
    engine.completeRoom({ accountSid, room: room.sid });
    expect(
      codeOf(() => engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' })),
    ).toBe(53118);
    expect(
      codeOf(() => engine.connectParticipant({ accountSid, room: 'nowhere' }, { identity: 'alice' })),
    ).toBe(53106);
  });

  it('creates an ad-hoc room by name on connect when asked, but never for a room SID', () => {
    const { engine, accountSid } = engineFixture();
    const joined = engine.connectParticipant(
      { accountSid, room: 'ad-hoc' },
      { identity: 'alice', createRoom: {} },
    );
    expect(engine.getRoom({ accountSid, room: 'ad-hoc' })).toMatchObject({
      sid: joined.roomSid,
      type: 'group',
    });
    const ghost = `RM${'0'.repeat(32)}`;
    expect(
      codeOf(() =>
        engine.connectParticipant({ accountSid, room: ghost }, { identity: 'bob', createRoom: {} }),
      ),
    ).toBe(53106);
  });

  it.each([
    ['', 53200],
    ['x'.repeat(129), 53201],
    ['line\nbreak', 53202],
  ])('refuses the identity %j with %i', (identity, code) => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid });
    expect(codeOf(() => engine.connectParticipant({ accountSid, room: room.sid }, { identity }))).toBe(code);
    expect(engine.listParticipants({ accountSid, room: room.sid })).toEqual([]);
  });

  it('takes the subscribe rules a client asks for at connect, except in peer-to-peer rooms', () => {
    const { engine, accountSid } = engineFixture();
    const excludeAll = [{ type: 'exclude', all: true }] as const;
    for (const type of ['group', 'peer-to-peer'] as const) {
      const room = engine.createRoom({ accountSid }, { type });
      const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
      engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio' });
      const bob = engine.connectParticipant(
        { accountSid, room: room.sid },
        { identity: 'bob', subscribeRules: excludeAll },
      );
      expect([type, bob.subscribedTracks.size]).toEqual([type, type === 'group' ? 0 : 1]);
    }
  });

  it('marks what a departure causes, and gives participant-disconnected the tracks it had', () => {
    const { engine, accountSid, seen } = engineFixture();
    const room = engine.createRoom({ accountSid });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    const aliceRef = { accountSid, room: room.sid, participant: alice.sid };
    const mic = engine.publishTrack(aliceRef, { kind: 'audio', name: 'mic' });
    const start = seen.length;
    engine.disconnectParticipant(aliceRef);
    expect(seen.slice(start).map((event) => [event.name, event.departure ?? false])).toEqual([
      ['track-unsubscribed', true],
      ['track-removed', true],
      ['participant-disconnected', false],
    ]);
    expect(seen.at(-1)?.tracks).toEqual([
      { sid: mic.sid, name: 'mic', priority: 'standard', kind: 'audio', enabled: true },
    ]);
    expect(seen.slice(0, start).some((event) => event.departure)).toBe(false);
  });

  it('disconnects a participant once, with end time, unpublishing its tracks', () => {
    const { engine, accountSid, clock, names } = engineFixture();
    const room = engine.createRoom({ accountSid });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    clock.advance(7000);
    const left = engine.disconnectParticipant({ accountSid, room: room.sid, participant: 'alice' });
    expect(left).toMatchObject({
      status: 'disconnected',
      endTime: clock.now(),
      startTime: clock.now() - 7000,
    });
    expect(left.publishedTracks.size).toBe(0);
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: alice.sid });
    expect(names().filter((name) => name === 'participant-disconnected')).toHaveLength(1);
    expect(names().slice(-2)).toEqual(['track-removed', 'participant-disconnected']);
  });

  it('anonymizes only disconnected participants, replacing the identity with the SID', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    expect(
      codeOf(() => engine.anonymizeParticipant({ accountSid, room: room.sid, participant: alice.sid })),
    ).toBe(53209);
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: alice.sid });
    expect(engine.anonymizeParticipant({ accountSid, room: room.sid, participant: alice.sid }).identity).toBe(
      alice.sid,
    );
    expect(
      engine.listParticipants({ accountSid, room: room.sid }, { status: 'disconnected', identity: 'alice' }),
    ).toEqual([]);
  });

  it('lists connected participants by default, disconnected ones for a completed room', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: bob.sid });
    expect(engine.listParticipants({ accountSid, room: room.sid }).map((p) => p.identity)).toEqual(['alice']);
    engine.completeRoom({ accountSid, room: room.sid });
    expect(engine.listParticipants({ accountSid, room: room.sid }).map((p) => p.identity)).toEqual([
      'alice',
      'bob',
    ]);
  });
});
