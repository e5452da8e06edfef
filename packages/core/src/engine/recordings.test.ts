import { describe, expect, it } from 'vitest';
import { TwilioError } from '../errors.js';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { statusCallbackParams } from '../webhooks/status-callback.js';
import type { CreateRoomOptions } from './room-options.js';

function recordingRoom(options: CreateRoomOptions = { recordParticipantsOnConnect: true }) {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { statusCallback: 'https://app.test/events', ...options });
  const roomRef = { accountSid, room: room.sid };
  const alice = engine.connectParticipant(roomRef, { identity: 'alice' });
  const aliceRef = { ...roomRef, participant: alice.sid };
  const publish = (kind: 'audio' | 'video' | 'data', name: string) =>
    engine.publishTrack(aliceRef, { kind, name });
  const recordings = () => engine.listRecordings({ accountSid }, { roomSid: room.sid });
  return { ...fixture, room, roomRef, alice, aliceRef, publish, recordings };
}

describe('recordings', () => {
  it('records each audio and video track of a room that records on connect, never data', () => {
    const { engine, roomRef, publish, recordings, names } = recordingRoom();
    expect(engine.isRecording(roomRef)).toBe(false);
    const mic = publish('audio', 'mic');
    const camera = publish('video', 'camera');
    publish('data', 'chat');
    expect(recordings().map((r) => [r.trackSid, r.kind, r.containerFormat, r.codec, r.status])).toEqual([
      [mic.sid, 'audio', 'mka', 'OPUS', 'processing'],
      [camera.sid, 'video', 'mkv', 'VP8', 'processing'],
    ]);
    expect(recordings().every((r) => r.sid.startsWith('RT'))).toBe(true);
    expect(engine.isRecording(roomRef)).toBe(true);
    expect(names().filter((name) => name === 'recording-started')).toHaveLength(2);
  });

  it('records nothing when the room does not record on connect', () => {
    const { engine, roomRef, publish, recordings } = recordingRoom({});
    publish('audio', 'mic');
    expect(recordings()).toEqual([]);
    expect(engine.isRecording(roomRef)).toBe(false);
  });

  it('starts and stops recording when the rules change mid-room, by kind, publisher and track', () => {
    const { engine, roomRef, publish, recordings } = recordingRoom({});
    const mic = publish('audio', 'mic');
    const camera = publish('video', 'camera');
    engine.updateRecordingRules(roomRef, [{ type: 'include', kind: 'video' }]);
    expect(recordings().map((r) => r.trackSid)).toEqual([camera.sid]);
    engine.updateRecordingRules(roomRef, [
      { type: 'include', publisher: 'alice' },
      { type: 'exclude', track: 'camera' },
    ]);
    const [first, second] = recordings();
    expect(first?.captureEndedAt).not.toBeNull();
    expect(second?.trackSid).toBe(mic.sid);
    expect(second?.captureEndedAt).toBeNull();
    engine.updateRecordingRules(roomRef, [{ type: 'exclude', all: true }]);
    expect(engine.isRecording(roomRef)).toBe(false);
    // A track recorded again gets a new recording.
    engine.updateRecordingRules(roomRef, [{ type: 'include', all: true }]);
    expect(recordings()).toHaveLength(4);
  });

  it('stops capturing when a track is unpublished, its publisher leaves or the room ends', () => {
    const { engine, roomRef, aliceRef, publish, recordings } = recordingRoom();
    const mic = publish('audio', 'mic');
    publish('video', 'camera');
    engine.unpublishTrack({ ...aliceRef, track: mic.sid });
    expect(recordings().map((r) => r.captureEndedAt === null)).toEqual([false, true]);
    expect(engine.isRecording(roomRef)).toBe(true);
    engine.completeRoom(roomRef);
    expect(engine.isRecording(roomRef)).toBe(false);
    expect(recordings().every((r) => r.status === 'processing')).toBe(true);
  });

  it('refuses recording rules in rooms that cannot record (53122)', () => {
    const { engine, accountSid } = engineFixture();
    for (const type of ['peer-to-peer', 'go'] as const) {
      const room = engine.createRoom({ accountSid }, { type });
      expect(
        codeOf(() =>
          engine.updateRecordingRules({ accountSid, room: room.sid }, [{ type: 'include', all: true }]),
        ),
      ).toBe(53122);
    }
  });

  it('completes a recording with what the media side wrote, rounding its duration as Twilio does', () => {
    const { engine, clock, accountSid, aliceRef, publish, recordings, seen } = recordingRoom();
    const mic = publish('audio', 'mic');
    clock.advance(400);
    engine.unpublishTrack({ ...aliceRef, track: mic.sid });
    const [recording] = recordings();
    const ref = { accountSid, recording: recording?.sid ?? '' };
    const done = engine.finishRecording(ref, { media: { sizeBytes: 2345, durationMs: 400, codec: 'OPUS' } });
    expect([done.status, done.duration, done.size]).toEqual(['completed', 1, 2345]);
    const event = seen.at(-1);
    expect(event?.name).toBe('recording-completed');
    const params = event && statusCallbackParams(event);
    expect(params).toMatchObject({
      StatusCallbackEvent: 'recording-completed',
      RecordingSid: done.sid,
      RecordingUri: `/v1/Recordings/${done.sid}`,
      MediaUri: `/v1/Recordings/${done.sid}/Media`,
      SourceSid: mic.sid,
      TrackName: 'mic',
      Container: 'mka',
      Codec: 'OPUS',
      Duration: '1',
      Size: '2345',
      Type: 'audio',
    });
    expect(
      codeOf(() => engine.finishRecording(ref, { media: { sizeBytes: 1, durationMs: 1, codec: 'OPUS' } })),
    ).toBe(20001);
  });

  it('fails a recording whose file could not be made, and says so to the StatusCallback', () => {
    const { engine, accountSid, aliceRef, publish, recordings, seen } = recordingRoom();
    const camera = publish('video', 'camera');
    engine.unpublishTrack({ ...aliceRef, track: camera.sid });
    const sid = recordings()[0]?.sid ?? '';
    engine.finishRecording({ accountSid, recording: sid }, { failure: new TwilioError(20503, 'no ffmpeg') });
    expect(engine.getRecording({ accountSid, recording: sid }).status).toBe('failed');
    const event = seen.at(-1);
    expect(event && statusCallbackParams(event)).toMatchObject({
      StatusCallbackEvent: 'recording-failed',
      FailedOperation: 'RecordingComplete',
    });
  });

  it('deletes only finished recordings, keeping the resource as deleted', () => {
    const { engine, accountSid, aliceRef, publish, recordings } = recordingRoom();
    const mic = publish('audio', 'mic');
    const sid = recordings()[0]?.sid ?? '';
    const ref = { accountSid, recording: sid };
    expect(codeOf(() => engine.deleteRecording(ref))).toBe(20001);
    engine.unpublishTrack({ ...aliceRef, track: mic.sid });
    engine.finishRecording(ref, { media: { sizeBytes: 10, durationMs: 2600, codec: 'OPUS' } });
    expect(engine.getRecording(ref).duration).toBe(3);
    expect(engine.deleteRecording(ref).status).toBe('deleted');
    expect(engine.listRecordings({ accountSid }, { status: 'deleted' }).map((r) => r.sid)).toEqual([sid]);
  });

  it('lists by the spec filters and finds a recording only under its own room', () => {
    const { engine, accountSid, alice, room, publish, recordings } = recordingRoom();
    const mic = publish('audio', 'mic');
    const camera = publish('video', 'camera');
    const other = engine.createRoom({ accountSid }, { recordParticipantsOnConnect: true });
    const bob = engine.connectParticipant({ accountSid, room: other.sid }, { identity: 'bob' });
    engine.publishTrack({ accountSid, room: other.sid, participant: bob.sid }, { kind: 'audio' });
    const list = (filter: Parameters<typeof engine.listRecordings>[1]) =>
      engine.listRecordings({ accountSid }, filter).map((r) => r.trackSid);
    expect(list({ mediaType: 'video' })).toEqual([camera.sid]);
    expect(list({ sourceSid: mic.sid })).toEqual([mic.sid]);
    expect(list({ groupingSids: [room.sid, alice.sid] })).toEqual([mic.sid, camera.sid]);
    expect(list({})).toHaveLength(3);
    const sid = recordings()[0]?.sid ?? '';
    expect(codeOf(() => engine.getRecording({ accountSid, recording: sid, room: other.sid }))).toBe(20404);
    expect(engine.getRecording({ accountSid, recording: sid, room: room.sid }).sid).toBe(sid);
  });

  it('keeps recordings across a snapshot and restore, failing those whose media was still being made', () => {
    const { engine, accountSid, aliceRef, publish, recordings } = recordingRoom();
    const mic = publish('audio', 'mic');
    publish('video', 'camera');
    engine.unpublishTrack({ ...aliceRef, track: mic.sid });
    const ref = { accountSid, recording: recordings()[0]?.sid ?? '' };
    engine.finishRecording(ref, { media: { sizeBytes: 10, durationMs: 1000, codec: 'OPUS' } });
    const saved = engine.snapshot();
    engine.clearRooms(accountSid);
    expect(engine.listRecordings({ accountSid })).toEqual([]);
    engine.restore(saved);
    // The camera was still being captured: its media belonged to the emulator that saved the state.
    expect(recordings().map((r) => [r.kind, r.status])).toEqual([
      ['audio', 'completed'],
      ['video', 'failed'],
    ]);
    expect(recordings()[1]?.captureEndedAt).toBe(saved.takenAt);
  });
});
