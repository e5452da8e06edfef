import { describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

describe.each(modes)('Rooms through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);

  const rooms = () => session.client.video.v1.rooms;

  it("creates a group room with Twilio's defaults, url and links under the emulator's base URL", async () => {
    const room = await rooms().create({ uniqueName: 'daily-standup' });
    expect(room.sid).toMatch(/^RM[0-9a-f]{32}$/);
    expect(room).toMatchObject({
      accountSid: session.emulator.credentials.accountSid,
      uniqueName: 'daily-standup',
      status: 'in-progress',
      type: 'group',
      maxParticipants: 50,
      maxParticipantDuration: 14400,
      maxConcurrentPublishedTracks: 170,
      recordParticipantsOnConnect: false,
      videoCodecs: ['VP8'],
      mediaRegion: 'us1',
      audioOnly: false,
      emptyRoomTimeout: 5,
      unusedRoomTimeout: 5,
      largeRoom: false,
      enableTurn: true,
      statusCallback: null,
      statusCallbackMethod: 'POST',
      endTime: null,
      duration: null,
      url: `${session.origin}/v1/Rooms/${room.sid}`,
    });
    expect(room.dateCreated).toEqual(new Date(session.clock.now()));
    expect(room.links).toEqual({
      participants: `${session.origin}/v1/Rooms/${room.sid}/Participants`,
      recordings: `${session.origin}/v1/Rooms/${room.sid}/Recordings`,
      transcriptions: `${session.origin}/v1/Rooms/${room.sid}/Transcriptions`,
      recording_rules: `${session.origin}/v1/Rooms/${room.sid}/RecordingRules`,
    });
  });

  it('uses the room SID as the unique name when none is given', async () => {
    const room = await rooms().create();
    expect(room.uniqueName).toBe(room.sid);
  });

  it('takes an empty UniqueName as none, as Twilio does: the room is named by its SID', async () => {
    const response = await session.client.request({
      method: 'post',
      uri: `${session.origin}/v1/Rooms`,
      data: { Type: 'group', UniqueName: '' },
    });
    const body = response.body as { sid: string; unique_name: string };
    expect(response.statusCode).toBe(201);
    expect(body.unique_name).toBe(body.sid);
  });

  it('creates rooms with every option the spec lists', async () => {
    const options = {
      statusCallback: 'https://example.com/video-events',
      statusCallbackMethod: 'GET',
      maxParticipants: 12,
      recordParticipantsOnConnect: true,
      videoCodecs: ['H264', 'VP8'],
      mediaRegion: 'de1',
      maxParticipantDuration: 3600,
      emptyRoomTimeout: 10,
      unusedRoomTimeout: 2,
    } as const;
    const room = await rooms().create({
      type: 'group',
      uniqueName: 'all-options',
      ...options,
      videoCodecs: [...options.videoCodecs],
    });
    expect(room).toMatchObject(options);
    const rules = await rooms()(room.sid).recordingRules.fetch();
    expect(rules.rules).toEqual([{ type: 'include', all: true }]);
  });

  it.each([
    ['peer-to-peer', 10, 0],
    ['go', 2, 0],
    ['group-small', 4, 170],
  ] as const)('applies the %s room type limits', async (type, maxParticipants, maxTracks) => {
    const room = await rooms().create({ type });
    expect(room).toMatchObject({ type, maxParticipants, maxConcurrentPublishedTracks: maxTracks });
  });

  it('makes audio-only rooms with no video codecs, and large rooms of up to 1000 participants', async () => {
    expect(await rooms().create({ audioOnly: true })).toMatchObject({ audioOnly: true, videoCodecs: [] });
    expect(await rooms().create({ largeRoom: true, maxParticipants: 1000 })).toMatchObject({
      largeRoom: true,
      maxParticipants: 1000,
    });
  });

  it('fetches a room by SID and by unique name', async () => {
    const created = await rooms().create({ uniqueName: 'by-name' });
    expect((await rooms()(created.sid).fetch()).sid).toBe(created.sid);
    expect((await rooms()('by-name').fetch()).sid).toBe(created.sid);
  });

  it('keeps unique names unique among in-progress rooms only', async () => {
    const first = await rooms().create({ uniqueName: 'weekly' });
    await expectRestError(rooms().create({ uniqueName: 'weekly' }), { status: 400, code: 53113 });
    await rooms()(first.sid).update({ status: 'completed' });
    const second = await rooms().create({ uniqueName: 'weekly' });
    expect(second.sid).not.toBe(first.sid);
    expect((await rooms()('weekly').fetch()).sid).toBe(second.sid);
    expect((await rooms()(first.sid).fetch()).status).toBe('completed');
  });

  it('completes a room: end_time, duration, and every participant disconnected', async () => {
    const room = await rooms().create({ uniqueName: 'to-complete' });
    const { accountSid } = session.emulator.credentials;
    session.emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    session.emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    session.clock.advance(90_000);
    const completed = await rooms()(room.sid).update({ status: 'completed' });
    expect(completed).toMatchObject({ status: 'completed', duration: 90 });
    expect(completed.endTime).toEqual(new Date(session.clock.now()));
    const participants = await rooms()(room.sid).participants.list({ status: 'disconnected' });
    expect(participants.map((participant) => participant.identity).sort()).toEqual(['alice', 'bob']);
    expect(participants.every((participant) => participant.duration === 90)).toBe(true);
    await expectRestError(rooms()(room.sid).update({ status: 'completed' }), { status: 400, code: 53118 });
  });

  it('refuses to update a room to any status but completed', async () => {
    const room = await rooms().create();
    await expectRestError(rooms()(room.sid).update({ status: 'in-progress' as 'completed' }), {
      status: 400,
      code: 53112,
    });
    expect((await rooms()(room.sid).fetch()).status).toBe('in-progress');
  });

  it('lists in-progress rooms by default, newest first, and walks every page', async () => {
    const created = [];
    for (let index = 0; index < 7; index++) {
      created.push(await rooms().create({ uniqueName: `room-${index}` }));
      session.clock.advance(1000);
    }
    await rooms()('room-0').update({ status: 'completed' });
    const listed = await rooms().list({ pageSize: 2 });
    expect(listed.map((room) => room.uniqueName)).toEqual([
      'room-6',
      'room-5',
      'room-4',
      'room-3',
      'room-2',
      'room-1',
    ]);

    const seen: string[] = [];
    await rooms().each({ pageSize: 4, status: 'completed' }, (room) => {
      seen.push(room.uniqueName);
    });
    expect(seen).toEqual(['room-0']);

    expect((await rooms().list({ pageSize: 2, limit: 3 })).map((room) => room.uniqueName)).toEqual([
      'room-6',
      'room-5',
      'room-4',
    ]);
  });

  it('pages forward and back with next and previous page URLs', async () => {
    for (let index = 0; index < 5; index++) {
      await rooms().create({ uniqueName: `paged-${index}` });
      session.clock.advance(1000);
    }
    const first = await rooms().page({ pageSize: 2 });
    expect(first.instances.map((room) => room.uniqueName)).toEqual(['paged-4', 'paged-3']);
    expect(first.previousPageUrl).toBeUndefined();
    const second = await first.nextPage();
    expect(second?.instances.map((room) => room.uniqueName)).toEqual(['paged-2', 'paged-1']);
    const third = await second?.nextPage();
    expect(third?.instances.map((room) => room.uniqueName)).toEqual(['paged-0']);
    expect(third?.nextPageUrl).toBeUndefined();
    const back = await third?.previousPage();
    expect(back?.instances.map((room) => room.uniqueName)).toEqual(['paged-2', 'paged-1']);
    expect(first.nextPageUrl?.startsWith(`${session.origin}/v1/Rooms?`)).toBe(true);
  });

  it('filters rooms by status, unique name and creation date', async () => {
    const start = session.clock.now();
    await rooms().create({ uniqueName: 'early' });
    session.clock.advance(60_000);
    const late = await rooms().create({ uniqueName: 'late' });
    await rooms()(late.sid).update({ status: 'completed' });

    expect((await rooms().list({ status: 'completed' })).map((room) => room.uniqueName)).toEqual(['late']);
    expect((await rooms().list({ status: 'in-progress' })).map((room) => room.uniqueName)).toEqual(['early']);
    expect((await rooms().list({ uniqueName: 'late', status: 'completed' })).map((room) => room.sid)).toEqual(
      [late.sid],
    );
    const after = new Date(start + 30_000);
    expect(
      (await rooms().list({ status: 'completed', dateCreatedAfter: after })).map((room) => room.uniqueName),
    ).toEqual(['late']);
    expect(
      (await rooms().list({ status: 'in-progress', dateCreatedBefore: after })).map(
        (room) => room.uniqueName,
      ),
    ).toEqual(['early']);
    expect(await rooms().list({ status: 'in-progress', dateCreatedAfter: after })).toEqual([]);
  });

  it('answers 20404 for a room that does not exist, by SID or by name', async () => {
    await expectRestError(rooms()('RM00000000000000000000000000000000').fetch(), {
      status: 404,
      code: 20404,
    });
    await expectRestError(rooms()('no-such-room').fetch(), { status: 404, code: 20404 });
    await expectRestError(rooms()('RM00000000000000000000000000000000').update({ status: 'completed' }), {
      status: 404,
      code: 20404,
    });
  });

  it.each([
    [{ type: 'huddle' as 'group' }, 53108],
    [{ maxParticipants: 51 }, 53107],
    [{ type: 'go' as const, maxParticipants: 3 }, 53107],
    [{ maxParticipantDuration: 100 }, 53123],
    [{ emptyRoomTimeout: 61 }, 53109],
    [{ uniqueName: 'x'.repeat(129) }, 53101],
    [{ statusCallback: 'not a url' }, 53111],
    [{ statusCallbackMethod: 'PUT' as 'POST' }, 53110],
    [{ mediaRegion: 'mars1' }, 53115],
    [{ type: 'peer-to-peer' as const, audioOnly: true }, 53124],
    [{ type: 'go' as const, largeRoom: true }, 53114],
    [{ videoCodecs: ['VP9' as 'VP8'] }, 20001],
    [{ recordingRules: { rules: [{ type: 'record' }] } }, 53120],
  ])('refuses %o with %i and creates nothing', async (options, code) => {
    await expectRestError(rooms().create(options), { status: 400, code });
    expect(await rooms().list({ status: 'in-progress' })).toEqual([]);
    expect(await rooms().list({ status: 'completed' })).toEqual([]);
  });
});
