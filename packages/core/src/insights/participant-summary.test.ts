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

  it('has the codecs its media came in, the edge it came through, and what its SDK said of itself', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    const ref = { accountSid, room: room.sid };
    const userAgent =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.33 Safari/537.36';
    const alice = engine.connectParticipant(ref, {
      identity: 'alice',
      publisher: { name: 'twilio-video.js', sdkVersion: '2.36.0', userAgent },
      edgeLocation: 'frankfurt',
    });
    const bob = engine.connectParticipant(ref, { identity: 'bob' });
    expect(participantSummary(room, alice).codecs).toBeNull();
    engine.reportCodec({ ...ref, participant: alice.sid }, 'opus');
    engine.reportCodec({ ...ref, participant: alice.sid }, 'VP8');
    engine.reportCodec({ ...ref, participant: alice.sid }, 'opus');
    expect(participantSummary(room, alice)).toMatchObject({
      codecs: ['VP8', 'opus'],
      edge_location: 'frankfurt',
      publisher_info: {
        name: 'twilio-video.js',
        sdk_version: '2.36.0',
        user_agent: userAgent,
        browser_name: 'Chrome',
        browser_version: '131.0.6778.33',
        os_name: 'Linux',
      },
    });
    expect(participantSummary(room, bob)).toMatchObject({
      codecs: null,
      edge_location: null,
      publisher_info: null,
    });
    const restored = createEngine();
    restored.restore(engine.snapshot());
    const again = restored.getRoom(ref);
    expect(participantSummary(again, again.participants.get(alice.sid) as typeof alice)).toEqual(
      participantSummary(room, alice),
    );
  });

  it('keeps a codec reported just after the participant left, and refuses an unknown participant', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    const ref = { accountSid, room: room.sid };
    const alice = engine.connectParticipant(ref, { identity: 'alice' });
    engine.disconnectParticipant({ ...ref, participant: alice.sid });
    engine.reportCodec({ ...ref, participant: alice.sid }, 'H264');
    expect(participantSummary(room, alice).codecs).toEqual(['H264']);
    expect(() => engine.reportCodec({ ...ref, participant: `PA${'0'.repeat(32)}` }, 'VP8')).toThrow(
      TwilioError,
    );
  });
});
