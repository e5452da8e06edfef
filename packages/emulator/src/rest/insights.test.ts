import { summaryProcessingMs, summaryTimeoutMs } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import {
  type ClientSession,
  directMode,
  mswMode,
  serverMode,
  sessionPerTest,
} from '../test-support/modes.js';

const second = 1000;
const hour = 3_600_000;

/** What the twilio client throws for an error answer: its status and Twilio's code. */
async function failure(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; code?: number } | undefined;
  return { status: error?.status, code: error?.code };
}

/** A room made over REST where alice stayed 30 s and bob 10 s, ended over REST at 40 s. */
async function finishedStandup(session: ClientSession) {
  const { engine, credentials } = session.emulator;
  const room = await session.client.video.v1.rooms.create({ uniqueName: 'standup', type: 'group' });
  const ref = { accountSid: credentials.accountSid, room: room.sid };
  const alice = engine.connectParticipant(ref, { identity: 'alice' });
  session.clock.advance(10 * second);
  const bob = engine.connectParticipant(ref, { identity: 'bob' });
  session.clock.advance(10 * second);
  engine.disconnectParticipant({ ...ref, participant: bob.sid });
  session.clock.advance(20 * second);
  await session.client.video.v1.rooms(room.sid).update({ status: 'completed' });
  return { room, alice, bob };
}

describe.each([mswMode, serverMode])('Video Insights summaries, $name', (mode) => {
  const session = sessionPerTest(mode);

  it('fetches a room summary of what happened in it', async () => {
    const { room } = await finishedStandup(session);
    const summary = await session.client.insights.v1.rooms(room.sid).fetch();
    expect(summary).toMatchObject({
      roomSid: room.sid,
      roomName: 'standup',
      roomType: 'group',
      roomStatus: 'completed',
      createdMethod: 'api',
      endReason: 'room_ended_via_api',
      durationSec: 40,
      uniqueParticipants: 2,
      uniqueParticipantIdentities: 2,
      maxConcurrentParticipants: 2,
      totalParticipantDurationSec: 50,
      processingState: 'in_progress',
    });
    expect(summary.createTime).toEqual(room.dateCreated);
    session.clock.advance(summaryProcessingMs);
    expect((await session.client.insights.v1.rooms(room.sid).fetch()).processingState).toBe('complete');
  });

  it('lists and fetches participant summaries', async () => {
    const { room, alice, bob } = await finishedStandup(session);
    const listed = await session.client.insights.v1.rooms(room.sid).participants.list();
    expect(listed.map((participant) => [participant.participantIdentity, participant.durationSec])).toEqual([
      ['alice', 40],
      ['bob', 10],
    ]);
    const fetched = await session.client.insights.v1.rooms(room.sid).participants(bob.sid).fetch();
    expect(fetched).toMatchObject({
      participantSid: bob.sid,
      status: 'completed',
      endReason: 'disconnected_via_api',
      errorCode: null,
    });
    const removed = await session.client.insights.v1.rooms(room.sid).participants(alice.sid).fetch();
    expect(removed).toMatchObject({ endReason: 'room_ended_via_api', errorCode: 53118 });
  });

  it('filters the room list by type, name and creation time, and pages through it', async () => {
    const rooms = session.client.video.v1.rooms;
    const first = await rooms.create({ uniqueName: 'one', type: 'group' });
    session.clock.advance(60 * second);
    const second_ = await rooms.create({ uniqueName: 'two', type: 'go' });
    session.clock.advance(60 * second);
    const third = await rooms.create({ uniqueName: 'three', type: 'group' });
    const insights = session.client.insights.v1.rooms;
    const sids = (list: { roomSid: string }[]) => list.map((summary) => summary.roomSid);
    expect(sids(await insights.list())).toEqual([third.sid, second_.sid, first.sid]);
    expect(sids(await insights.list({ roomType: ['group'] }))).toEqual([third.sid, first.sid]);
    expect(sids(await insights.list({ roomType: ['go', 'group'] }))).toHaveLength(3);
    expect(sids(await insights.list({ roomName: 'two' }))).toEqual([second_.sid]);
    expect(sids(await insights.list({ createdAfter: second_.dateCreated }))).toEqual([
      third.sid,
      second_.sid,
    ]);
    expect(sids(await insights.list({ createdBefore: second_.dateCreated }))).toEqual([first.sid]);
    // Codecs come from the media each participant sent (the media server reports them).
    expect(await insights.list({ codec: ['VP8'] })).toEqual([]);
    const { engine, credentials } = session.emulator;
    for (const [room, codec] of [
      [first, 'H264'],
      [third, 'VP8'],
    ] as const) {
      const ref = { accountSid: credentials.accountSid, room: room.sid };
      const participant = engine.connectParticipant(ref, { identity: 'alice' });
      engine.reportCodec({ ...ref, participant: participant.sid }, codec);
      engine.reportCodec({ ...ref, participant: participant.sid }, 'opus');
    }
    expect(sids(await insights.list({ codec: ['VP8'] }))).toEqual([third.sid]);
    expect(sids(await insights.list({ codec: ['H264', 'VP9'] }))).toEqual([first.sid]);
    expect(sids(await insights.list({ codec: ['opus'] }))).toEqual([third.sid, first.sid]);
    expect((await insights(third.sid).fetch()).codecs).toEqual(['VP8', 'opus']);
    const page = await insights.page({ pageSize: 2, roomType: ['go', 'group'] });
    expect(sids(page.instances)).toEqual([third.sid, second_.sid]);
    // The next page keeps every value of the multi-valued filter.
    expect(new URL(page.nextPageUrl ?? '').searchParams.getAll('RoomType')).toEqual(['go', 'group']);
    const next = await page.nextPage();
    expect(next && sids(next.instances)).toEqual([first.sid]);
  });

  it('answers 20404 for a room or participant it does not know, and 20001 for a bad filter', async () => {
    const { room } = await finishedStandup(session);
    const insights = session.client.insights.v1.rooms;
    const unknownRoom = `RM${'0'.repeat(32)}`;
    const notFound = { status: 404, code: 20404 };
    expect(await failure(insights(unknownRoom).fetch())).toEqual(notFound);
    // A room's name is not a SID: Insights finds rooms by SID only.
    expect(await failure(insights('standup').fetch())).toEqual(notFound);
    expect(await failure(insights(unknownRoom).participants.list())).toEqual(notFound);
    expect(
      await failure(
        insights(room.sid)
          .participants(`PA${'0'.repeat(32)}`)
          .fetch(),
      ),
    ).toEqual(notFound);
    expect(await failure(insights.list({ roomType: ['peer-to-peer' as 'peer_to_peer'] }))).toEqual({
      status: 400,
      code: 20001,
    });
  });

  it('lists rooms that ended in the last 24 hours unless dated filters ask for more, and keeps logs 7 days (go: 2)', async () => {
    const rooms = session.client.video.v1.rooms;
    const insights = session.client.insights.v1.rooms;
    const sids = (list: { roomSid: string }[]) => list.map((summary) => summary.roomSid);
    const old = await rooms.create({ uniqueName: 'old', type: 'group' });
    const go = await rooms.create({ uniqueName: 'go', type: 'go' });
    await rooms(old.sid).update({ status: 'completed' });
    await rooms(go.sid).update({ status: 'completed' });
    session.clock.advance(24 * hour + second);
    const running = await rooms.create({ uniqueName: 'running', type: 'group' });
    expect(sids(await insights.list())).toEqual([running.sid]);
    const since = new Date(old.dateCreated.getTime() - second);
    expect(sids(await insights.list({ createdAfter: since }))).toEqual([running.sid, go.sid, old.sid]);
    expect((await insights(old.sid).fetch()).roomName).toBe('old');
    session.clock.advance(24 * hour);
    // Go rooms' logs are kept two days, the others' seven.
    expect(await failure(insights(go.sid).fetch())).toEqual({ status: 404, code: 20404 });
    expect(sids(await insights.list({ createdAfter: since }))).toEqual([running.sid, old.sid]);
    session.clock.advance(5 * 24 * hour);
    expect(await failure(insights(old.sid).fetch())).toEqual({ status: 404, code: 20404 });
    expect(await failure(insights(old.sid).participants.list())).toEqual({ status: 404, code: 20404 });
    expect(sids(await insights.list({ createdAfter: since }))).toEqual([running.sid]);
  });

  it('reports not_started, then timeout, while a fault stalls summarization (roomlab extension)', async () => {
    const { room } = await finishedStandup(session);
    const other = await session.client.video.v1.rooms.create({ uniqueName: 'other' });
    await session.client.video.v1.rooms(other.sid).update({ status: 'completed' });
    const fault = session.emulator.control.faults.add({
      kind: 'insights',
      action: 'stall',
      roomSid: room.sid,
    });
    const state = async (sid: string) =>
      (await session.client.insights.v1.rooms(sid).fetch()).processingState;
    expect(await state(room.sid)).toBe('not_started');
    session.clock.advance(summaryTimeoutMs);
    expect(await state(room.sid)).toBe('timeout');
    expect(await state(other.sid)).toBe('complete');
    session.emulator.control.faults.remove(fault.id);
    expect(await state(room.sid)).toBe('complete');
  });
});

describe('Video Insights hosts', () => {
  const session = sessionPerTest(directMode);

  it('answers Insights paths on insights.twilio.com only, and Video paths on video.twilio.com only', async () => {
    const { handle, credentials } = session.emulator;
    const authorization = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
    const get = async (url: string) => {
      const response = await handle(new Request(url, { headers: { authorization } }));
      return { status: response.status, code: ((await response.json()) as { code?: number }).code };
    };
    expect((await get('https://insights.twilio.com/v1/Video/Rooms')).status).toBe(200);
    expect((await get('https://video.twilio.com/v1/Rooms')).status).toBe(200);
    expect((await get('https://video.us1.twilio.com/v1/Rooms')).status).toBe(200);
    expect(await get('https://video.twilio.com/v1/Video/Rooms')).toEqual({ status: 404, code: 20404 });
    expect(await get('https://insights.twilio.com/v1/Rooms')).toEqual({ status: 404, code: 20404 });
    expect(await get('https://api.twilio.com/v1/Rooms')).toEqual({ status: 404, code: 20404 });
  });
});
