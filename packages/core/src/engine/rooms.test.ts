import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

describe('rooms', () => {
  it.each([
    ['group', 50, 170],
    ['group-small', 4, 170],
    ['peer-to-peer', 10, 0],
    ['go', 2, 0],
  ] as const)(
    'gives %s rooms %i participants and %i published tracks by default',
    (type, participants, tracks) => {
      const { engine, accountSid } = engineFixture();
      const room = engine.createRoom({ accountSid }, { type });
      expect(room).toMatchObject({
        type,
        status: 'in-progress',
        maxParticipants: participants,
        maxConcurrentPublishedTracks: tracks,
        maxParticipantDuration: 14400,
        emptyRoomTimeout: 5,
        unusedRoomTimeout: 5,
        uniqueName: room.sid,
      });
    },
  );

  it('keeps a unique name to one in-progress room, and frees it when that room completes', () => {
    const { engine, accountSid, clock } = engineFixture();
    const first = engine.createRoom({ accountSid }, { uniqueName: 'standup' });
    expect(codeOf(() => engine.createRoom({ accountSid }, { uniqueName: 'standup' }))).toBe(53113);
    clock.advance(30_000);
    const completed = engine.completeRoom({ accountSid, room: 'standup' });
    expect(completed).toMatchObject({ sid: first.sid, status: 'completed', endTime: clock.now() });
    const second = engine.createRoom({ accountSid }, { uniqueName: 'standup' });
    expect(engine.getRoom({ accountSid, room: 'standup' }).sid).toBe(second.sid);
    expect(engine.getRoom({ accountSid, room: first.sid }).status).toBe('completed');
  });

  it('completing a room disconnects everyone in it, and a second completion is 53118', () => {
    const { engine, accountSid, clock, names } = engineFixture();
    const room = engine.createRoom({ accountSid });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    clock.advance(5000);
    engine.completeRoom({ accountSid, room: room.sid });
    expect(
      engine.listParticipants({ accountSid, room: room.sid }).map((p) => [p.identity, p.status, p.endTime]),
    ).toEqual([
      ['alice', 'disconnected', clock.now()],
      ['bob', 'disconnected', clock.now()],
    ]);
    expect(names().slice(-3)).toEqual(['participant-disconnected', 'participant-disconnected', 'room-ended']);
    expect(codeOf(() => engine.completeRoom({ accountSid, room: room.sid }))).toBe(53118);
  });

  it('lists in-progress rooms newest first by default, and filters by status, name and date', () => {
    const { engine, accountSid, clock } = engineFixture();
    const start = clock.now();
    const a = engine.createRoom({ accountSid }, { uniqueName: 'a' });
    clock.advance(1000);
    const b = engine.createRoom({ accountSid }, { uniqueName: 'b' });
    clock.advance(1000);
    const c = engine.createRoom({ accountSid }, { uniqueName: 'c' });
    engine.completeRoom({ accountSid, room: b.sid });
    expect(engine.listRooms({ accountSid }).map((room) => room.sid)).toEqual([c.sid, a.sid]);
    expect(engine.listRooms({ accountSid }, { status: 'completed' }).map((room) => room.sid)).toEqual([
      b.sid,
    ]);
    expect(engine.listRooms({ accountSid }, { uniqueName: 'c' }).map((room) => room.sid)).toEqual([c.sid]);
    expect(
      engine.listRooms({ accountSid }, { dateCreatedAfter: start + 500 }).map((room) => room.sid),
    ).toEqual([c.sid]);
    expect(
      engine.listRooms({ accountSid }, { dateCreatedBefore: start + 500 }).map((room) => room.sid),
    ).toEqual([a.sid]);
  });

  it.each([
    [{ type: 'conference' }, 53108],
    [{ uniqueName: '' }, 53100],
    [{ uniqueName: 'x'.repeat(129) }, 53101],
    [{ uniqueName: 'tab\there' }, 53102],
    [{ maxParticipants: 0 }, 53107],
    [{ type: 'group-small', maxParticipants: 5 }, 53107],
    [{ maxParticipants: 51 }, 53107],
    [{ maxParticipantDuration: 599 }, 53123],
    [{ maxParticipantDuration: 86401 }, 53123],
    [{ emptyRoomTimeout: 0 }, 53109],
    [{ unusedRoomTimeout: 61 }, 53109],
    [{ statusCallbackMethod: 'PATCH' }, 53110],
    [{ statusCallback: 'ftp://example.com/x' }, 53111],
    [{ mediaRegion: 'moon' }, 53115],
    [{ type: 'go', mediaRegion: 'de1' }, 53114],
    [{ type: 'peer-to-peer', recordParticipantsOnConnect: true }, 53114],
    [{ type: 'group-small', largeRoom: true }, 53114],
    [{ type: 'go', audioOnly: true }, 53124],
    [{ videoCodecs: ['VP8', 'AV1'] }, 20001],
    [{ recordingRules: [{ type: 'include', kind: 'data' }] }, 53120],
  ])('refuses %o with %i and creates nothing', (options, code) => {
    const { engine, accountSid, seen } = engineFixture();
    expect(codeOf(() => engine.createRoom({ accountSid }, options))).toBe(code);
    expect(engine.listRooms({ accountSid })).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('lets a large group room hold up to 1000 participants', () => {
    const { engine, accountSid } = engineFixture();
    expect(
      engine.createRoom({ accountSid }, { largeRoom: true, maxParticipants: 1000 }).maxParticipants,
    ).toBe(1000);
    expect(codeOf(() => engine.createRoom({ accountSid }, { largeRoom: true, maxParticipants: 1001 }))).toBe(
      53107,
    );
  });

  it('derives recording rules from RecordParticipantsOnConnect unless rules are given', () => {
    const { engine, accountSid } = engineFixture();
    expect(engine.createRoom({ accountSid }).recordingRules).toEqual([{ type: 'exclude', all: true }]);
    expect(engine.createRoom({ accountSid }, { recordParticipantsOnConnect: true }).recordingRules).toEqual([
      { type: 'include', all: true },
    ]);
    expect(
      engine.createRoom({ accountSid }, { recordingRules: [{ type: 'include', kind: 'audio' }] })
        .recordingRules,
    ).toEqual([{ type: 'include', kind: 'audio' }]);
  });
});
