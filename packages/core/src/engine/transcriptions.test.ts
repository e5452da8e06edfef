import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { transcriptionActivity } from './transcription-activity.js';
import type { SpokenText } from './transcripts.js';

function roomWithAlice() {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'class' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const roomRef = { accountSid, room: room.sid };
  const aliceRef = { ...roomRef, participant: alice.sid };
  const microphone = engine.publishTrack(aliceRef, { kind: 'audio', name: 'mic' });
  return { ...fixture, room, alice, roomRef, aliceRef, microphone };
}

describe('transcriptions', () => {
  it('are created started, with a video_extension_ UUID as TTID and the configuration as strings', () => {
    const { engine, roomRef, clock } = roomWithAlice();
    const transcription = engine.createTranscription(roomRef, {
      configuration: { languageCode: 'EN-us', partialResults: true, speechModel: 'long' },
    });
    expect(transcription.ttid).toMatch(
      /^video_extension_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(transcription).toMatchObject({
      roomSid: roomRef.room,
      status: 'started',
      configuration: { languageCode: 'EN-us', partialResults: 'true', speechModel: 'long' },
      dateCreated: clock.now(),
      dateUpdated: null,
    });
    expect(engine.listTranscriptions(roomRef)).toEqual([transcription]);
    expect(engine.getTranscription({ ...roomRef, ttid: transcription.ttid })).toBe(transcription);
  });

  it('are one per room, for in-progress group rooms only, with a valid configuration', () => {
    const { engine, roomRef, accountSid } = roomWithAlice();
    expect(codeOf(() => engine.createTranscription(roomRef, { configuration: { color: 'blue' } }))).toBe(
      20001,
    );
    expect(codeOf(() => engine.createTranscription(roomRef, { configuration: '{}' }))).toBe(20001);
    expect(
      codeOf(() =>
        engine.createTranscription(roomRef, {
          configuration: { transcriptionEngine: 'deepgram', speechModel: 'long' },
        }),
      ),
    ).toBe(20001);
    expect(
      codeOf(() => engine.createTranscription(roomRef, { configuration: { partialResults: 'maybe' } })),
    ).toBe(20001);
    expect(
      codeOf(() => engine.createTranscription(roomRef, { configuration: { languageCode: 'english!' } })),
    ).toBe(20001);
    expect(engine.listTranscriptions(roomRef)).toEqual([]);
    engine.createTranscription(roomRef);
    expect(codeOf(() => engine.createTranscription(roomRef))).toBe(20001);
    const p2p = engine.createRoom({ accountSid }, { type: 'peer-to-peer' });
    expect(codeOf(() => engine.createTranscription({ accountSid, room: p2p.sid }))).toBe(20001);
    const done = engine.createRoom({ accountSid });
    engine.completeRoom({ accountSid, room: done.sid });
    expect(codeOf(() => engine.createTranscription({ accountSid, room: done.sid }))).toBe(53118);
    expect(codeOf(() => engine.getTranscription({ ...roomRef, ttid: 'video_extension_nope' }))).toBe(20404);
  });

  it('stop and start again by update, and take configuration over the current one without a change of status', () => {
    const { engine, roomRef, clock } = roomWithAlice();
    const { ttid } = engine.createTranscription(roomRef, {
      configuration: { languageCode: 'en-US', partialResults: true },
    });
    const ref = { ...roomRef, ttid };
    clock.advance(10_000);
    expect(engine.updateTranscription(ref, { status: 'stopped' })).toMatchObject({
      status: 'stopped',
      dateUpdated: clock.now(),
    });
    clock.advance(10_000);
    // The same status again is no transition: nothing changes, not even date_updated.
    expect(engine.updateTranscription(ref, { status: 'stopped' }).dateUpdated).toBe(clock.now() - 10_000);
    const changed = engine.updateTranscription(ref, { configuration: { languageCode: 'nl-BE' } });
    expect(changed).toMatchObject({
      status: 'stopped',
      configuration: { languageCode: 'nl-BE', partialResults: 'true' },
      dateUpdated: clock.now(),
    });
    expect(engine.updateTranscription(ref, { status: 'started' }).status).toBe('started');
    for (const status of ['failed', 'paused'])
      expect(codeOf(() => engine.updateTranscription(ref, { status }))).toBe(20001);
    expect(codeOf(() => engine.updateTranscription(ref, { configuration: { speechModel: 'nova-3' } }))).toBe(
      20001,
    );
    expect(engine.getTranscription(ref)).toMatchObject({
      status: 'started',
      configuration: { languageCode: 'nl-BE' },
    });
  });

  it('report when they worked: started with someone in the room, paused when stopped or when the room empties', () => {
    const { engine, room, roomRef, aliceRef, clock } = roomWithAlice();
    const { ttid } = engine.createTranscription(roomRef);
    const ref = { ...roomRef, ttid };
    const start = clock.now();
    const activity = () => transcriptionActivity(engine.getTranscription(ref), room, clock.now());
    clock.advance(4000);
    // Working: begun, not paused, no duration yet.
    expect(activity()).toEqual({ startTime: start, endTime: null, durationSeconds: null });
    engine.updateTranscription(ref, { status: 'stopped' });
    expect(activity()).toEqual({ startTime: start, endTime: start + 4000, durationSeconds: 4 });
    clock.advance(10_000);
    engine.updateTranscription(ref, { status: 'started' });
    clock.advance(3000);
    engine.disconnectParticipant(aliceRef);
    // Alice left, so it paused: 4 s, then 3 s.
    expect(activity()).toEqual({ startTime: start, endTime: clock.now(), durationSeconds: 7 });
    clock.advance(5000);
    engine.connectParticipant(roomRef, { identity: 'bob' });
    clock.advance(2000);
    engine.completeRoom(roomRef);
    expect(engine.getTranscription(ref)).toMatchObject({ status: 'stopped', dateUpdated: clock.now() });
    expect(activity()).toEqual({ startTime: start, endTime: clock.now(), durationSeconds: 9 });
    // An ended room's transcription starts no more.
    expect(codeOf(() => engine.updateTranscription(ref, { status: 'started' }))).toBe(53118);
  });

  it('start with the room when it is created with TranscribeParticipantsOnConnect', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom(
      { accountSid },
      { transcribeParticipantsOnConnect: true, transcriptionsConfiguration: { languageCode: 'fr-FR' } },
    );
    expect(engine.listTranscriptions({ accountSid, room: room.sid })).toEqual([
      expect.objectContaining({ status: 'started', configuration: { languageCode: 'fr-FR' } }),
    ]);
    expect(engine.listTranscriptions({ accountSid, room: engine.createRoom({ accountSid }).sid })).toEqual(
      [],
    );
    const bad = { transcribeParticipantsOnConnect: true, transcriptionsConfiguration: { languageCode: 7 } };
    expect(codeOf(() => engine.createRoom({ accountSid }, { ...bad, uniqueName: 'refused' }))).toBe(20001);
    expect(engine.findRoom({ accountSid, room: 'refused' })).toBeUndefined();
  });
});

describe('transcripts', () => {
  it('carry what a participant said, numbered per track from 1, to the event log', () => {
    const { engine, roomRef, aliceRef, alice, microphone, clock, seen } = roomWithAlice();
    const { ttid } = engine.createTranscription(roomRef, { configuration: { languageCode: 'en-GB' } });
    engine.transcribe(aliceRef, { transcription: 'Hello' });
    clock.advance(1500);
    const second = engine.transcribe(
      { ...roomRef, participant: 'alice' },
      { transcription: 'everyone', track: 'mic' },
    );
    expect(second).toEqual({
      ttid,
      participantSid: alice.sid,
      trackSid: microphone.sid,
      sequenceNumber: 2,
      timestamp: clock.now(),
      partialResults: false,
      stability: null,
      languageCode: 'en-GB',
      transcription: 'everyone',
    });
    const event = seen.at(-1);
    expect(event).toMatchObject({
      name: 'speech-transcribed',
      participant: { sid: alice.sid },
      track: { sid: microphone.sid, kind: 'audio' },
      transcript: second,
    });
  });

  it('come only from a started transcription, a connected participant and an audio track Twilio can hear', () => {
    const { engine, roomRef, aliceRef, microphone } = roomWithAlice();
    const say = (spoken: SpokenText = { transcription: 'hi' }, ref = aliceRef) =>
      codeOf(() => engine.transcribe(ref, spoken));
    expect(say()).toBe(20001);
    const { ttid } = engine.createTranscription(roomRef);
    expect(say({ transcription: '' })).toBe(20001);
    expect(say({ transcription: 'hi', partialResults: true })).toBe(20001);
    expect(say({ transcription: 'hi', track: 'camera' })).toBe(20001);
    engine.setTrackEnabled({ ...aliceRef, track: microphone.sid }, false);
    expect(say()).toBe(20001);
    engine.setTrackEnabled({ ...aliceRef, track: microphone.sid }, true);
    engine.updateTranscription({ ...roomRef, ttid }, { status: 'stopped' });
    expect(say()).toBe(20001);
    engine.updateTranscription(
      { ...roomRef, ttid },
      { status: 'started', configuration: { partialResults: true } },
    );
    expect(
      engine.transcribe(aliceRef, { transcription: 'hel', partialResults: true, stability: 0.4 }),
    ).toMatchObject({
      partialResults: true,
      stability: 0.4,
      sequenceNumber: 1,
    });
    expect(say({ transcription: 'x', partialResults: true, stability: 2 })).toBe(20001);
    engine.disconnectParticipant(aliceRef);
    expect(say()).toBe(53204);
  });
});
