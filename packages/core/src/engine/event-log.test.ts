import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/logger.js';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

describe('the event log', () => {
  it('records every change in order, with a global sequence and a per-room sequence number', () => {
    const { engine, accountSid, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { uniqueName: 'log' });
    const other = engine.createRoom({ accountSid });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    engine.completeRoom({ accountSid, room: room.sid });
    expect(seen.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      seen.map((event) => [
        event.room.sid === room.sid ? 'log' : 'other',
        event.roomSequenceNumber,
        event.name,
      ]),
    ).toEqual([
      ['log', 0, 'room-created'],
      ['other', 0, 'room-created'],
      ['log', 1, 'participant-connected'],
      ['log', 2, 'track-added'],
      ['log', 3, 'track-removed'],
      ['log', 4, 'participant-disconnected'],
      ['log', 5, 'room-ended'],
    ]);
    expect(engine.events()).toEqual(seen);
    expect(engine.events(5).map((event) => event.sequence)).toEqual([6, 7]);
    expect(other.status).toBe('in-progress');
  });

  it('keeps snapshots as they were when each event happened', () => {
    const { engine, accountSid, seen, clock } = engineFixture();
    const room = engine.createRoom({ accountSid });
    clock.advance(10_000);
    engine.completeRoom({ accountSid, room: room.sid });
    expect(seen[0]?.room).toMatchObject({ status: 'in-progress', durationSeconds: null });
    expect(seen[1]?.room).toMatchObject({ status: 'completed', durationSeconds: 10 });
    expect(seen[1]?.timestamp).toBe(clock.now());
  });

  it('stops telling a listener once it unsubscribes, and survives (and reports) a listener that throws', () => {
    const logger = memoryLogger();
    const { engine, accountSid } = engineFixture({ logger });
    const heard: string[] = [];
    engine.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const unsubscribe = engine.subscribe((event) => heard.push(event.name));
    engine.createRoom({ accountSid });
    unsubscribe();
    const room = engine.createRoom({ accountSid });
    expect(heard).toEqual(['room-created']);
    expect(room.status).toBe('in-progress');
    expect(logger.entries).toHaveLength(2);
    expect(logger.entries[1]).toMatchObject({
      level: 'error',
      message: `an event listener failed on room-created (room ${room.sid})`,
      cause: new Error('a broken subscriber'),
    });
  });

  it('keeps only the newest events up to its capacity, while the sequence keeps counting', () => {
    const { engine, accountSid } = engineFixture({ eventLogCapacity: 3 });
    const rooms = [1, 2, 3, 4, 5].map(() => engine.createRoom({ accountSid }));
    expect(engine.events().map((event) => [event.sequence, event.room.sid])).toEqual(
      rooms.slice(2).map((room, index) => [index + 3, room.sid]),
    );
    expect(engine.events(4).map((event) => event.sequence)).toEqual([5]);
    expect(engine.snapshot().sequence).toBe(5);
  });

  it('emits nothing for a refused operation', () => {
    const { engine, accountSid, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { type: 'go', uniqueName: 'busy' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'a' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'b' });
    const before = seen.length;
    codeOf(() => engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'c' }));
    codeOf(() => engine.createRoom({ accountSid }, { uniqueName: 'busy' }));
    codeOf(() => engine.updateRecordingRules({ accountSid, room: room.sid }, 'nonsense'));
    codeOf(() => engine.completeRoom({ accountSid, room: 'no-such-room' }));
    expect(seen.length).toBe(before);
  });
});
