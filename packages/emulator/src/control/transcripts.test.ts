import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';

let emulator: Emulator;
afterEach(() => emulator.close());

/** An emulator with alice (and her microphone) in room `lecture`, and a POST to `/_roomlab/transcripts`. */
function lecture() {
  emulator = createEmulator({ clock: manualClock(), sids: { seed: 'transcripts' } });
  const { accountSid } = emulator.credentials;
  const { engine } = emulator;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'lecture' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const microphone = engine.publishTrack(
    { accountSid, room: room.sid, participant: alice.sid },
    { kind: 'audio' },
  );
  const supply = async (body: unknown, query = '') => {
    const response = await emulator.handle(
      new Request(`https://video.twilio.com/_roomlab/transcripts${query}`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { accountSid, engine, room, alice, microphone, supply };
}

describe('POST /_roomlab/transcripts', () => {
  it("delivers what a participant said through the room's transcription and answers the message clients get", async () => {
    const { accountSid, engine, room, alice, microphone, supply } = lecture();
    engine.createTranscription({ accountSid, room: room.sid });
    const answer = await supply({ room: room.sid, participant: 'alice', transcription: 'Welcome back' });
    expect(answer).toEqual({
      status: 200,
      body: {
        type: 'extension_transcriptions',
        version: '1.0',
        participant: alice.sid,
        track: microphone.sid,
        sequence_number: 1,
        timestamp: new Date(engine.clock.now()).toISOString().replace('Z', '000000Z'),
        partial_results: false,
        language_code: 'en-US',
        transcription: 'Welcome back',
      },
    });
    expect(engine.events().at(-1)).toMatchObject({
      name: 'speech-transcribed',
      transcript: { transcription: 'Welcome back' },
    });
    // By unique name, with the account named.
    const second = await supply(
      { room: 'lecture', participant: alice.sid, transcription: 'to class' },
      `?AccountSid=${accountSid}`,
    );
    expect(second.body).toMatchObject({ sequence_number: 2, transcription: 'to class' });
  });

  it.each([
    ['no text', { participant: 'alice' }, 20001],
    ['an unknown field', { participant: 'alice', transcription: 'hi', colour: 'red' }, 20001],
    ['a participant who is not there', { participant: 'zoe', transcription: 'hi' }, 20404],
  ])('refuses %s, and nothing is said', async (_name, body, code) => {
    const { accountSid, engine, room, supply } = lecture();
    engine.createTranscription({ accountSid, room: room.sid });
    const before = engine.events().length;
    expect((await supply({ room: room.sid, ...body })).body).toMatchObject({ code });
    expect(engine.events().length).toBe(before);
  });

  it('refuses a room with no started transcription, or an unknown room', async () => {
    const { supply, room } = lecture();
    expect((await supply({ room: room.sid, participant: 'alice', transcription: 'hi' })).body).toMatchObject({
      code: 20001,
      status: 400,
      message: expect.stringMatching(/no started transcription/),
    });
    expect((await supply({ room: 'lecture', participant: 'alice', transcription: 'hi' })).body).toMatchObject(
      {
        code: 20404,
        status: 404,
      },
    );
  });
});
