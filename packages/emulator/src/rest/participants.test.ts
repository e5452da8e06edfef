import { beforeEach, describe, expect, it } from 'vitest';
import { modes, sessionPerTest } from '../test-support/modes.js';
import { expectRestError } from '../test-support/twilio-errors.js';

describe.each(modes)('Participants, tracks and rules through the twilio client, $name', (mode) => {
  const session = sessionPerTest(mode);
  let roomSid: string;
  beforeEach(async () => {
    roomSid = (await session.client.video.v1.rooms.create({ uniqueName: 'team' })).sid;
  });

  const room = () => session.client.video.v1.rooms(roomSid);
  /** Stands in for an SDK client joining (signaling arrives with its own issue); the REST side is what is tested. */
  const join = (identity: string) =>
    session.emulator.engine.connectParticipant(
      { accountSid: session.emulator.credentials.accountSid, room: roomSid },
      {
        identity,
      },
    );
  const publish = (participantSid: string, kind: 'audio' | 'video' | 'data', name: string) =>
    session.emulator.engine.publishTrack(
      { accountSid: session.emulator.credentials.accountSid, room: roomSid, participant: participantSid },
      {
        kind,
        name,
      },
    );

  it('lists connected participants with their resource fields', async () => {
    const alice = join('alice');
    session.clock.advance(1000);
    join('bob');
    const listed = await room().participants.list();
    expect(listed.map((participant) => participant.identity)).toEqual(['alice', 'bob']);
    expect(listed[0]).toMatchObject({
      sid: alice.sid,
      roomSid,
      accountSid: session.emulator.credentials.accountSid,
      status: 'connected',
      endTime: null,
      duration: null,
      url: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}`,
    });
    expect(listed[0]?.startTime).toEqual(new Date(session.clock.now() - 1000));
    expect(listed[0]?.links).toEqual({
      published_tracks: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}/PublishedTracks`,
      subscribed_tracks: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}/SubscribedTracks`,
      subscribe_rules: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}/SubscribeRules`,
      anonymize: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}/Anonymize`,
    });
  });

  it('filters participants by status, identity and date, across pages', async () => {
    const start = session.clock.now();
    for (const identity of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      join(identity);
      session.clock.advance(10_000);
    }
    await room().participants('p2').update({ status: 'disconnected' });
    expect((await room().participants.list({ pageSize: 2 })).map((p) => p.identity)).toEqual([
      'p1',
      'p3',
      'p4',
      'p5',
    ]);
    expect((await room().participants.list({ status: 'disconnected' })).map((p) => p.identity)).toEqual([
      'p2',
    ]);
    expect((await room().participants.list({ identity: 'p4' })).map((p) => p.identity)).toEqual(['p4']);
    const middle = new Date(start + 25_000);
    expect((await room().participants.list({ dateCreatedAfter: middle })).map((p) => p.identity)).toEqual([
      'p4',
      'p5',
    ]);
    expect((await room().participants.list({ dateCreatedBefore: middle })).map((p) => p.identity)).toEqual([
      'p1',
      'p3',
    ]);
  });

  it('fetches a participant by SID or identity, through the room SID or unique name', async () => {
    const alice = join('alice');
    expect((await room().participants(alice.sid).fetch()).identity).toBe('alice');
    expect((await room().participants('alice').fetch()).sid).toBe(alice.sid);
    expect((await session.client.video.v1.rooms('team').participants(alice.sid).fetch()).sid).toBe(alice.sid);
  });

  it('disconnects a participant via REST, with end_time and duration', async () => {
    const alice = join('alice');
    session.clock.advance(42_000);
    const updated = await room().participants(alice.sid).update({ status: 'disconnected' });
    expect(updated).toMatchObject({ status: 'disconnected', duration: 42 });
    expect(updated.endTime).toEqual(new Date(session.clock.now()));
    expect(await room().participants.list()).toEqual([]);
    await expectRestError(
      room()
        .participants(alice.sid)
        .update({ status: 'connected' as 'disconnected' }),
      {
        status: 400,
        code: 53209,
      },
    );
  });

  it('anonymizes a disconnected participant, and refuses while connected', async () => {
    const alice = join('alice');
    await expectRestError(room().participants(alice.sid).anonymize().update(), { status: 400, code: 53209 });
    await room().participants(alice.sid).update({ status: 'disconnected' });
    const anonymized = await room().participants(alice.sid).anonymize().update();
    expect(anonymized.sid).toBe(alice.sid);
    expect(anonymized.identity).toBe(alice.sid); // Twilio replaces the identity with the participant SID
    expect((await room().participants(alice.sid).fetch()).identity).toBe(anonymized.identity);
  });

  it('lists and fetches published tracks, by SID or name', async () => {
    const alice = join('alice');
    const camera = publish(alice.sid, 'video', 'camera');
    publish(alice.sid, 'audio', 'microphone');
    const tracks = await room().participants(alice.sid).publishedTracks.list();
    expect(tracks.map((track) => [track.name, track.kind, track.enabled])).toEqual([
      ['camera', 'video', true],
      ['microphone', 'audio', true],
    ]);
    expect(tracks[0]).toMatchObject({
      sid: camera.sid,
      participantSid: alice.sid,
      roomSid,
      url: `${session.origin}/v1/Rooms/${roomSid}/Participants/${alice.sid}/PublishedTracks/${camera.sid}`,
    });
    expect((await room().participants(alice.sid).publishedTracks(camera.sid).fetch()).name).toBe('camera');
    expect((await room().participants(alice.sid).publishedTracks('microphone').fetch()).kind).toBe('audio');
    await expectRestError(
      room().participants(alice.sid).publishedTracks('MT00000000000000000000000000000000').fetch(),
      {
        status: 404,
        code: 20404,
      },
    );
  });

  it('shows subscribed tracks, following subscribe rules', async () => {
    const alice = join('alice');
    const bob = join('bob');
    const camera = publish(alice.sid, 'video', 'camera');
    const microphone = publish(alice.sid, 'audio', 'microphone');
    const subscribed = await room().participants(bob.sid).subscribedTracks.list();
    expect(subscribed.map((track) => track.sid).sort()).toEqual([camera.sid, microphone.sid].sort());
    const fetched = await room().participants(bob.sid).subscribedTracks(camera.sid).fetch();
    expect(fetched).toMatchObject({
      sid: camera.sid,
      publisherSid: alice.sid,
      participantSid: bob.sid,
      kind: 'video',
    });

    const rules = await room()
      .participants(bob.sid)
      .subscribeRules.update({ rules: [{ type: 'include', kind: 'audio' }] });
    expect(rules.rules).toEqual([
      { type: 'include', all: null, publisher: null, track: null, kind: 'audio', priority: null },
    ]);
    expect(rules.dateUpdated).toEqual(new Date(session.clock.now()));
    expect((await room().participants(bob.sid).subscribedTracks.list()).map((track) => track.sid)).toEqual([
      microphone.sid,
    ]);
    await expectRestError(room().participants(bob.sid).subscribedTracks(camera.sid).fetch(), {
      status: 404,
      code: 20404,
    });
    expect((await room().participants(bob.sid).subscribeRules.fetch()).rules).toEqual(rules.rules);
  });

  it('starts with the subscribe-to-all rule and never-updated dates', async () => {
    const bob = join('bob');
    const rules = await room().participants(bob.sid).subscribeRules.fetch();
    expect(rules).toMatchObject({ participantSid: bob.sid, roomSid, dateCreated: null, dateUpdated: null });
    expect(rules.rules).toEqual([
      { type: 'include', all: true, publisher: null, track: null, kind: null, priority: null },
    ]);
  });

  it.each([
    [[{ type: 'include' }]],
    [[{ type: 'maybe', all: true }]],
    [[{ type: 'include', kind: 'smell' }]],
    [[]],
    [{ rules: 'all' }],
  ])('refuses the subscribe rules %j with 53215 and keeps the old ones', async (rules) => {
    const bob = join('bob');
    await expectRestError(room().participants(bob.sid).subscribeRules.update({ rules }), {
      status: 400,
      code: 53215,
    });
    expect((await room().participants(bob.sid).subscribeRules.fetch()).rules[0]).toMatchObject({ all: true });
  });

  it('reads and replaces recording rules', async () => {
    const initial = await room().recordingRules.fetch();
    expect(initial.rules).toEqual([{ type: 'exclude', all: true }]);
    session.clock.advance(5000);
    const updated = await room().recordingRules.update({
      rules: [
        { type: 'include', kind: 'audio' },
        { type: 'include', publisher: 'alice' },
      ],
    });
    expect(updated.rules).toEqual([
      { type: 'include', kind: 'audio' },
      { type: 'include', publisher: 'alice' },
    ]);
    expect(updated.dateUpdated).toEqual(new Date(session.clock.now()));
    expect((await room().recordingRules.fetch()).rules).toEqual(updated.rules);
    await expectRestError(room().recordingRules.update({ rules: [{ type: 'include', kind: 'data' }] }), {
      status: 400,
      code: 53120,
    });
    expect((await room().recordingRules.fetch()).rules).toEqual(updated.rules);
  });

  it('answers 20404 for unknown participants and for sub-resources of unknown rooms', async () => {
    await expectRestError(room().participants('PA00000000000000000000000000000000').fetch(), {
      status: 404,
      code: 20404,
    });
    await expectRestError(room().participants('nobody').update({ status: 'disconnected' }), {
      status: 404,
      code: 20404,
    });
    const ghost = session.client.video.v1.rooms('RM00000000000000000000000000000000');
    await expectRestError(ghost.participants.list(), { status: 404, code: 20404 });
    await expectRestError(ghost.recordingRules.fetch(), { status: 404, code: 20404 });
  });

  it('refuses subscribe rules in peer-to-peer rooms with 53117', async () => {
    const p2p = await session.client.video.v1.rooms.create({ type: 'peer-to-peer', uniqueName: 'p2p' });
    const carol = session.emulator.engine.connectParticipant(
      { accountSid: session.emulator.credentials.accountSid, room: p2p.sid },
      {
        identity: 'carol',
      },
    );
    await expectRestError(
      session.client.video.v1
        .rooms(p2p.sid)
        .participants(carol.sid)
        .subscribeRules.update({ rules: [{ type: 'include', all: true }] }),
      { status: 400, code: 53117 },
    );
  });
});
