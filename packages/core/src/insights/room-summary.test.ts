import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine-api.js';
import type { RoomRecord } from '../engine/records.js';
import { engineFixture } from '../test-support/engine-fixture.js';
import { summaryProcessingMs, summaryTimeoutMs } from './processing-state.js';
import { roomSummary } from './room-summary.js';

/** The summary at the engine's now, over the room's recordings. */
const summarize = (engine: Engine, room: RoomRecord, stalled = false) =>
  roomSummary(room, {
    now: engine.clock.now(),
    recordings: engine.listRecordings({ accountSid: room.accountSid }, { roomSid: room.sid }),
    stalled,
  });

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
    const during = summarize(engine, room);
    expect(during).toMatchObject({
      room_status: 'in_progress',
      end_time: null,
      duration_sec: null,
      concurrent_participants: 2,
      processing_state: 'in_progress',
    });
    clock.advance(20 * second);
    engine.completeRoom(ref);
    expect(summarize(engine, room)).toMatchObject({
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
      // Twilio's us1 media servers are reached at its Ashburn edge.
      edge_location: 'ashburn',
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
    expect(summarize(engine, room)).toMatchObject({
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
    expect(summarize(engine, room)).toMatchObject({
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
    expect(summarize(engine, room).processing_state).toBe('in_progress');
    clock.advance(1);
    expect(summarize(engine, room).processing_state).toBe('complete');
  });

  it('says sdk for a room a connect made without naming one', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, {}, 'sdk');
    expect(summarize(engine, room).created_method).toBe('sdk');
  });

  it('is not_started, then timeout 30 minutes after the end, while summarization is stalled', () => {
    const { engine, accountSid, clock } = engineFixture();
    const room = engine.createRoom({ accountSid }, {});
    expect(summarize(engine, room, true).processing_state).toBe('in_progress');
    engine.completeRoom({ accountSid, room: room.sid });
    clock.advance(summaryTimeoutMs - 1);
    expect(summarize(engine, room, true).processing_state).toBe('not_started');
    clock.advance(1);
    expect(summarize(engine, room, true).processing_state).toBe('timeout');
    expect(summarize(engine, room).processing_state).toBe('complete');
  });

  it('lists the codecs every participant sent, once each, in the spec order', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, { videoCodecs: ['VP8', 'H264'] });
    const ref = { accountSid, room: room.sid };
    expect(summarize(engine, room).codecs).toBeNull();
    const alice = engine.connectParticipant(ref, { identity: 'alice' });
    const bob = engine.connectParticipant(ref, { identity: 'bob' });
    engine.reportCodec({ ...ref, participant: alice.sid }, 'opus');
    engine.reportCodec({ ...ref, participant: bob.sid }, 'H264');
    engine.reportCodec({ ...ref, participant: alice.sid }, 'VP8');
    engine.reportCodec({ ...ref, participant: bob.sid }, 'opus');
    expect(summarize(engine, room).codecs).toEqual(['VP8', 'H264', 'opus']);
  });

  it('says whether the room recorded, and for how long its finished recordings run', () => {
    const { engine, accountSid } = engineFixture();
    const plain = engine.createRoom({ accountSid }, {});
    expect(summarize(engine, plain)).toMatchObject({
      recording_enabled: false,
      total_recording_duration_sec: 0,
    });
    const room = engine.createRoom({ accountSid }, { recordParticipantsOnConnect: true });
    const ref = { accountSid, room: room.sid };
    const alice = engine.connectParticipant(ref, { identity: 'alice' });
    engine.publishTrack({ ...ref, participant: alice.sid }, { kind: 'audio' });
    engine.publishTrack({ ...ref, participant: alice.sid }, { kind: 'video' });
    const [audio, video] = engine.listRecordings({ accountSid }, { roomSid: room.sid });
    engine.completeRoom(ref);
    engine.finishRecording(
      { accountSid, recording: audio?.sid ?? '' },
      { media: { sizeBytes: 10, durationMs: 12_400, codec: 'OPUS' } },
    );
    expect(summarize(engine, room)).toMatchObject({
      recording_enabled: true,
      total_recording_duration_sec: 12,
    });
    engine.finishRecording(
      { accountSid, recording: video?.sid ?? '' },
      { media: { sizeBytes: 10, durationMs: 30_000, codec: 'VP8' } },
    );
    expect(summarize(engine, room).total_recording_duration_sec).toBe(42);
  });
});
