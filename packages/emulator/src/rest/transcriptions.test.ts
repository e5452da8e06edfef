import { describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

describe.each(modes)('Room transcriptions through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);

  /** A group room with alice in it, as the engine sees it (she could be an SDK or a scripted participant). */
  function classroom() {
    const { accountSid } = session.emulator.credentials;
    const room = session.emulator.engine.createRoom({ accountSid }, { uniqueName: 'classroom' });
    session.emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    return { room, transcriptions: session.client.video.v1.rooms(room.sid).transcriptions };
  }

  it('creates a started transcription (202) and lists and fetches it', async () => {
    const { room, transcriptions } = classroom();
    const created = await transcriptions.create({
      configuration: {
        languageCode: 'EN-us',
        partialResults: true,
        profanityFilter: true,
        speechModel: 'long',
      },
    });
    expect(created.ttid).toMatch(/^video_extension_[0-9a-f-]{36}$/);
    expect(created).toMatchObject({
      accountSid: session.emulator.credentials.accountSid,
      roomSid: room.sid,
      sourceSid: null,
      status: 'started',
      configuration: {
        languageCode: 'EN-us',
        partialResults: 'true',
        profanityFilter: 'true',
        speechModel: 'long',
      },
      dateUpdated: null,
      endTime: null,
      duration: null,
      url: `${session.origin}/v1/Rooms/${room.sid}/Transcriptions/${created.ttid}`,
    });
    // Alice is in the room, so it is at work from the start.
    expect(created.startTime).toEqual(new Date(session.clock.now()));
    expect((await transcriptions.list()).map((item) => item.ttid)).toEqual([created.ttid]);
    expect(
      (await session.client.video.v1.rooms('classroom').transcriptions(created.ttid).fetch()).status,
    ).toBe('started');
  });

  it('stops and starts it again by update (202), reporting end_time and duration when it pauses', async () => {
    const { transcriptions } = classroom();
    const { ttid, startTime } = await transcriptions.create();
    session.clock.advance(12_000);
    const stopped = await transcriptions(ttid).update({ status: 'stopped' });
    expect(stopped).toMatchObject({ status: 'stopped', duration: 12, startTime });
    expect(stopped.endTime).toEqual(new Date(session.clock.now()));
    expect(stopped.dateUpdated).toEqual(new Date(session.clock.now()));
    session.clock.advance(5000);
    const restarted = await transcriptions(ttid).update({
      status: 'started',
      configuration: { languageCode: 'nl-BE' },
    });
    expect(restarted).toMatchObject({
      status: 'started',
      endTime: null,
      duration: null,
      configuration: { languageCode: 'nl-BE' },
    });
  });

  it('stops it when the room completes', async () => {
    const { room, transcriptions } = classroom();
    const { ttid } = await transcriptions.create();
    session.clock.advance(30_000);
    await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
    expect(await transcriptions(ttid).fetch()).toMatchObject({ status: 'stopped', duration: 30 });
    await expectRestError(transcriptions(ttid).update({ status: 'started' }), { status: 400, code: 53118 });
    await expectRestError(session.client.video.v1.rooms(room.sid).transcriptions.create(), {
      status: 400,
      code: 53118,
    });
  });

  it('starts one with the room when the room is created with TranscribeParticipantsOnConnect', async () => {
    const room = await session.client.video.v1.rooms.create({
      uniqueName: 'captioned',
      transcribeParticipantsOnConnect: true,
      transcriptionsConfiguration: { languageCode: 'es-ES' },
    });
    const [transcription] = await session.client.video.v1.rooms(room.sid).transcriptions.list();
    // Nobody has joined yet, so it has not begun work.
    expect(transcription).toMatchObject({
      status: 'started',
      configuration: { languageCode: 'es-ES' },
      startTime: null,
    });
  });

  it('refuses, and changes nothing: a second one, a bad configuration or status, a peer-to-peer or unknown room', async () => {
    const { transcriptions } = classroom();
    const { ttid } = await transcriptions.create({ configuration: { languageCode: 'en-US' } });
    const refused = { status: 400, code: 20001 };
    await expectRestError(transcriptions.create(), refused);
    await expectRestError(transcriptions(ttid).update({ configuration: { colour: 'blue' } }), refused);
    await expectRestError(transcriptions(ttid).update({ configuration: { speechModel: 'nova-3' } }), refused);
    await expectRestError(transcriptions(ttid).update({ status: 'failed' }), refused);
    expect(await transcriptions.list()).toEqual([
      expect.objectContaining({
        ttid,
        status: 'started',
        configuration: { languageCode: 'en-US' },
        dateUpdated: null,
      }),
    ]);
    await expectRestError(transcriptions('video_extension_unknown').fetch(), { status: 404, code: 20404 });
    const p2p = await session.client.video.v1.rooms.create({ type: 'peer-to-peer' });
    await expectRestError(session.client.video.v1.rooms(p2p.sid).transcriptions.create(), refused);
    expect(await session.client.video.v1.rooms(p2p.sid).transcriptions.list()).toEqual([]);
    await expectRestError(
      session.client.video.v1.rooms('RM00000000000000000000000000000000').transcriptions.list(),
      {
        status: 404,
        code: 20404,
      },
    );
  });
});
