import { describe, expect, it } from 'vitest';
import { engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';

const minute = 60_000;

describe('timeouts on the engine clock', () => {
  it('completes a room nobody joined once unused_room_timeout passes', () => {
    const { engine, accountSid, clock, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { unusedRoomTimeout: 3 });
    expect(engine.nextDeadline()).toBe(clock.now() + 3 * minute);
    clock.advance(3 * minute - 1);
    expect(room.status).toBe('in-progress');
    clock.advance(1);
    expect(room).toMatchObject({ status: 'completed', endTime: clock.now() });
    expect(seen.at(-1)).toMatchObject({ name: 'room-ended', room: { durationSeconds: 180 } });
  });

  it('changes nothing on a read: a due timeout fires only when the clock moves or tick runs', () => {
    let now = Date.UTC(2026, 0, 1);
    const still = createEngine({ clock: { now: () => now, onAdvance: () => () => {} } });
    const { sid } = still.addAccount();
    const room = still.createRoom({ accountSid: sid }, { unusedRoomTimeout: 1 });
    now += 2 * minute;
    expect(still.getRoom({ accountSid: sid, room: room.sid }).status).toBe('in-progress');
    expect(still.listRooms({ accountSid: sid }).map((listed) => listed.sid)).toEqual([room.sid]);
    expect(still.events().map((event) => event.name)).toEqual(['room-created']);
    still.tick();
    expect(room.status).toBe('completed');
    expect(still.events().map((event) => event.name)).toEqual(['room-created', 'room-ended']);
  });

  it('does not apply the unused timeout to a room someone is in', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, { unusedRoomTimeout: 1, emptyRoomTimeout: 10 });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    clock.advance(30 * minute);
    expect(room.status).toBe('in-progress');
  });

  it('completes a room empty_room_timeout after the last participant leaves, unless someone rejoins', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, { emptyRoomTimeout: 2 });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: alice.sid });
    clock.advance(1 * minute);
    const back = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    clock.advance(5 * minute);
    expect(room.status).toBe('in-progress');
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: back.sid });
    clock.advance(2 * minute - 1);
    expect(room.status).toBe('in-progress');
    clock.advance(1);
    expect(room.status).toBe('completed');
  });

  it('disconnects a participant after max_participant_duration with 53216', () => {
    const { engine, accountSid, clock, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { maxParticipantDuration: 600 });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    clock.advance(300_000);
    const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    clock.advance(300_000);
    expect(alice.status).toBe('disconnected');
    expect(bob.status).toBe('connected');
    expect(seen.find((event) => event.name === 'participant-disconnected')).toMatchObject({
      participant: { sid: alice.sid, durationSeconds: 600 },
      reason: { code: 53216 },
    });
  });

  it('fires every due timeout in one large jump, in time order', () => {
    const { engine, accountSid, clock, seen } = engineFixture();
    const late = engine.createRoom({ accountSid }, { unusedRoomTimeout: 9 });
    const early = engine.createRoom({ accountSid }, { unusedRoomTimeout: 2 });
    clock.advance(60 * minute);
    expect(seen.filter((event) => event.name === 'room-ended').map((event) => event.room.sid)).toEqual([
      early.sid,
      late.sid,
    ]);
  });

  it("waits for nothing once its rooms have ended: their deadlines and their participants' go with them", () => {
    const { engine, accountSid, clock } = engineFixture();
    const unused = engine.createRoom({ accountSid }, { unusedRoomTimeout: 5 });
    const visited = engine.createRoom({ accountSid }, { unusedRoomTimeout: 5, maxParticipantDuration: 600 });
    const alice = engine.connectParticipant({ accountSid, room: visited.sid }, { identity: 'alice' });
    clock.advance(minute);
    const bob = engine.connectParticipant({ accountSid, room: visited.sid }, { identity: 'bob' });
    engine.disconnectParticipant({ accountSid, room: visited.sid, participant: alice.sid });
    // Bob's MaxParticipantDuration is what is left of the visited room; alice's went when she left.
    engine.completeRoom({ accountSid, room: unused.sid });
    expect(engine.nextDeadline()).toBe(bob.startTime + 600_000);
    engine.completeRoom({ accountSid, room: visited.sid });
    expect(engine.nextDeadline()).toBeUndefined();
  });

  it('keeps no unused-room deadline for a room someone joined', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, { unusedRoomTimeout: 1, maxParticipantDuration: 3600 });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    expect(engine.nextDeadline()).toBe(clock.now() + 3600_000);
  });
});
