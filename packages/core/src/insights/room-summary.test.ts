import { describe, expect, it } from 'vitest';
import { engineFixture } from '../test-support/engine-fixture.js';
import { summaryProcessingMs } from './processing-state.js';
import { roomSummary } from './room-summary.js';

const second = 1000;

describe('room summary from what the engine saw', () => {
  it('counts participants, identities, the peak at once and their time, and ends by the API', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, { uniqueName: 'standup', type: 'group-small' });
    const ref = { accountSid, room: room.sid };
    const alice = engine.connectParticipant(ref, { identity: 'alice' });
    clock.advance(10 * second);
    engine.connectParticipant(ref, { identity: 'bob' });
    clock.advance(5 * second);
    engine.disconnectParticipant({ ...ref, participant: alice.sid });
    clock.advance(5 * second);
    engine.connectParticipant(ref, { identity: 'alice' });
    const during = roomSummary(room, clock.now());
    expect(during).toMatchObject({
      room_status: 'in_progress',
      end_time: null,
      duration_sec: null,
      concurrent_participants: 2,
      processing_state: 'in_progress',
    });
    clock.advance(20 * second);
    engine.completeRoom(ref);
    expect(roomSummary(room, clock.now())).toMatchObject({
      room_sid: room.sid,
      room_name: 'standup',
      room_type: 'group_small',
      room_status: 'completed',
      created_method: 'api',
      end_reason: 'room_ended_via_api',
      create_time: '2026-01-01T00:00:00Z',
      end_time: '2026-01-01T00:00:40Z',
      duration_sec: 40,
      unique_participants: 3,
      unique_participant_identities: 2,
      max_concurrent_participants: 2,
      concurrent_participants: 0,
      // alice 15 s, bob 30 s, alice again 20 s
      total_participant_duration_sec: 65,
      media_region: 'us1',
    });
  });

  it('says ad_hoc for a room a connect made, and timeout for a room that timed out', () => {
    const { engine, accountSid, clock } = engineFixture();
    const alice = engine.connectParticipant(
      { accountSid, room: 'corridor' },
      { identity: 'alice', createRoom: { emptyRoomTimeout: 1 } },
    );
    const room = engine.getRoom({ accountSid, room: alice.roomSid });
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: alice.sid });
    clock.advance(60 * second);
    expect(roomSummary(room, clock.now())).toMatchObject({
      created_method: 'ad_hoc',
      end_reason: 'timeout',
      max_concurrent_participants: 1,
    });
  });

  it('does not count one who left at the instant another joined as present with it', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    const ref = { accountSid, room: room.sid };
    engine.connectParticipant(ref, { identity: 'alice' });
    clock.advance(second);
    // The same identity again replaces the first (53205) at the same instant.
    engine.connectParticipant(ref, { identity: 'alice' });
    expect(roomSummary(room, clock.now())).toMatchObject({
      unique_participants: 2,
      unique_participant_identities: 1,
      max_concurrent_participants: 1,
    });
  });

  it('is complete once Twilio’s processing time after the end has passed on the engine clock', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    engine.completeRoom({ accountSid, room: room.sid });
    clock.advance(summaryProcessingMs - 1);
    expect(roomSummary(room, clock.now()).processing_state).toBe('in_progress');
    clock.advance(1);
    expect(roomSummary(room, clock.now()).processing_state).toBe('complete');
  });
});
