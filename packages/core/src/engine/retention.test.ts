import { describe, expect, it } from 'vitest';
import { TwilioError } from '../errors.js';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

const endedRooms = (count: number, fixture: ReturnType<typeof engineFixture>) => {
  const { engine, accountSid } = fixture;
  return Array.from({ length: count }, (_, index) => {
    const room = engine.createRoom({ accountSid }, { uniqueName: `ended-${index}` });
    engine.completeRoom({ accountSid, room: room.sid });
    return room.sid;
  });
};

describe('room retention (a roomlab extension)', () => {
  it('keeps the newest completed rooms of each account; older ones are 20404, in-progress ones stay', () => {
    const fixture = engineFixture({ retention: { completedRoomsPerAccount: 2 } });
    const { engine, accountSid } = fixture;
    const live = engine.createRoom({ accountSid }, { uniqueName: 'live' });
    const [first, second, third, fourth] = endedRooms(4, fixture);
    for (const dropped of [first, second])
      expect(codeOf(() => engine.getRoom({ accountSid, room: dropped ?? '' }))).toBe(20404);
    // Its events stay in the log.
    expect(engine.events().some((event) => event.name === 'room-ended' && event.room.sid === first)).toBe(
      true,
    );
    expect(engine.listRooms({ accountSid }, { status: 'completed' }).map((room) => room.sid)).toEqual([
      fourth,
      third,
    ]);
    expect(engine.getRoom({ accountSid, room: live.sid }).status).toBe('in-progress');
    // Another account keeps its own.
    const other = engine.addAccount({});
    const kept = engine.createRoom({ accountSid: other.sid }, {});
    engine.completeRoom({ accountSid: other.sid, room: kept.sid });
    expect(engine.getRoom({ accountSid: other.sid, room: kept.sid }).status).toBe('completed');
  });

  it('keeps a room while a recording of it is not deleted', () => {
    const fixture = engineFixture({ retention: { completedRoomsPerAccount: 0 } });
    const { engine, accountSid } = fixture;
    const room = engine.createRoom({ accountSid }, { recordParticipantsOnConnect: true });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio' });
    engine.completeRoom({ accountSid, room: room.sid });
    const [recording] = engine.listRecordings({ accountSid }, { roomSid: room.sid });
    expect(engine.getRoom({ accountSid, room: room.sid }).status).toBe('completed');
    engine.finishRecording(
      { accountSid, recording: recording?.sid ?? '' },
      { failure: new TwilioError(20500, 'no media') },
    );
    engine.deleteRecording({ accountSid, recording: recording?.sid ?? '' });
    expect(engine.getRoom({ accountSid, room: room.sid }).status).toBe('completed');
    endedRooms(1, fixture);
    expect(codeOf(() => engine.getRoom({ accountSid, room: room.sid }))).toBe(20404);
    expect(engine.getRecording({ accountSid, recording: recording?.sid ?? '' }).status).toBe('deleted');
  });

  it('changes at run time, dropping at once what it no longer keeps; a bad one is 20001 and changes nothing', () => {
    const fixture = engineFixture();
    const { engine, accountSid } = fixture;
    const [first, second] = endedRooms(2, fixture);
    expect(codeOf(() => engine.setRetention({ completedRoomsPerAccount: -1 }))).toBe(20001);
    expect(engine.listRooms({ accountSid }, { status: 'completed' })).toHaveLength(2);
    engine.setRetention({ completedRoomsPerAccount: 1 });
    expect(engine.retention()).toEqual({ completedRoomsPerAccount: 1 });
    expect(codeOf(() => engine.getRoom({ accountSid, room: first ?? '' }))).toBe(20404);
    expect(engine.getRoom({ accountSid, room: second ?? '' }).status).toBe('completed');
  });
});
