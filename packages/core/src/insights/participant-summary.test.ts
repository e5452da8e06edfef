import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { TwilioError } from '../errors.js';
import { engineFixture } from '../test-support/engine-fixture.js';
import { participantSummary } from './participant-summary.js';

const second = 1000;

describe('participant summary from what the engine saw', () => {
  it('has join and leave times, the time in between, and disconnected_via_api when it left by itself', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, { mediaRegion: 'de1' });
    const ref = { accountSid, room: room.sid };
    clock.advance(3 * second);
    const alice = engine.connectParticipant(ref, { identity: 'alice' });
    expect(participantSummary(room, alice)).toMatchObject({
      join_time: '2026-01-01T00:00:03Z',
      leave_time: null,
      duration_sec: null,
      status: 'in_progress',
      end_reason: null,
    });
    clock.advance(42 * second);
    engine.disconnectParticipant({ ...ref, participant: alice.sid });
    expect(participantSummary(room, alice)).toMatchObject({
      participant_sid: alice.sid,
      participant_identity: 'alice',
      room_sid: room.sid,
      leave_time: '2026-01-01T00:00:45Z',
      duration_sec: 42,
      status: 'completed',
      end_reason: 'disconnected_via_api',
      error_code: null,
      media_region: 'de1',
    });
  });

  it('names the room’s end when the room’s end removed it', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.completeRoom({ accountSid, room: room.sid });
    expect(participantSummary(room, alice)).toMatchObject({
      end_reason: 'room_ended_via_api',
      error_code: 53118,
      error_code_url: 'https://www.twilio.com/docs/api/errors/53118',
    });
  });

  it('names the room’s end even when the clock moved between the participant’s leaving and the end', () => {
    // A real clock reads a later millisecond at each call; this one does so at every read.
    let now = Date.UTC(2026, 0, 1);
    const engine = createEngine({ clock: { now: () => now++, onAdvance: () => () => {} } });
    const { sid: accountSid } = engine.addAccount();
    const room = engine.createRoom({ accountSid }, {});
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.completeRoom({ accountSid, room: room.sid });
    expect(participantSummary(room, alice).end_reason).toBe('room_ended_via_api');
  });

  it('gives the error code, and no end reason it cannot name yet, when removed on another error', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    engine.disconnectParticipant(
      { accountSid, room: room.sid, participant: alice.sid },
      new TwilioError(53001, 'Signaling connection disconnected'),
    );
    expect(participantSummary(room, alice)).toMatchObject({ end_reason: null, error_code: 53001 });
  });
});
