import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';

/** `/_roomlab/dominant-speaker`, roomlab's control of a group room's dominant speaker, over HTTP. */
let emulator: Emulator;
afterEach(() => emulator.close());

function talk(type: 'group' | 'peer-to-peer' = 'group') {
  emulator = createEmulator({ clock: manualClock() });
  const { engine } = emulator;
  const { accountSid } = emulator.credentials;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'talk', type });
  const [alice, bob] = ['alice', 'bob'].map(
    (identity) => engine.connectParticipant({ accountSid, room: room.sid }, { identity }).sid,
  );
  const call = (method: string, query: string, body?: unknown) =>
    emulator
      .handle(
        new Request(`https://video.twilio.com/_roomlab/dominant-speaker${query}`, {
          method,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
      .then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
  const changes = () =>
    emulator.control
      .events({ name: 'dominant-speaker-changed' })
      .map((event) => event.participant?.identity ?? null);
  return { engine, accountSid, room, alice, bob, call, at: `?RoomSid=${room.sid}`, changes };
}

describe('forcing the dominant speaker', () => {
  it('names a connected participant by participantSid or identity over what the media server hears, until DELETE lets go', async () => {
    const { engine, accountSid, room, alice, bob, call, at, changes } = talk();
    engine.setDominantSpeaker(
      { accountSid, room: room.sid },
      { participant: alice ?? null, source: 'detection' },
    );
    expect(await call('GET', at)).toEqual({
      status: 200,
      body: { roomSid: room.sid, participantSid: alice, identity: 'alice', forced: false },
    });
    expect((await call('POST', at, { participantSid: bob })).body).toMatchObject({
      participantSid: bob,
      forced: true,
    });
    // By unique name within the account, and by identity.
    const byName = `?RoomSid=talk&AccountSid=${accountSid}`;
    expect((await call('POST', byName, { identity: 'alice' })).body).toMatchObject({
      identity: 'alice',
      forced: true,
    });
    expect((await call('DELETE', at)).body).toMatchObject({ participantSid: alice, forced: false });
    expect(changes()).toEqual(['alice', 'bob', 'alice']);
    // The typed function does the same.
    expect(emulator.control.setDominantSpeaker({ room: room.sid }, { identity: 'bob' })).toMatchObject({
      identity: 'bob',
      forced: true,
    });
  });

  it.each([
    ['no RoomSid', '', { participantSid: 'PA' }, 400, 20001],
    ['no participant', undefined, {}, 400, 20001],
    ['a participantSid that is not a string', undefined, { participantSid: 7 }, 400, 20001],
    ['both participantSid and identity', undefined, { participantSid: 'x', identity: 'bob' }, 400, 20001],
    ['a participant of no one', undefined, { participantSid: `PA${'0'.repeat(32)}` }, 400, 20001],
    ['an identity not in the room', undefined, { identity: 'carol' }, 400, 20001],
    ['an identity given as participantSid', undefined, { participantSid: 'bob' }, 400, 20001],
    ['a room that does not exist', `?RoomSid=RM${'0'.repeat(32)}`, { identity: 'bob' }, 404, 20404],
  ])('answers %s with an error naming it, and changes nothing', async (_case, query, body, status, code) => {
    const { call, at, changes } = talk();
    const answer = await call('POST', query ?? at, body);
    expect(answer).toMatchObject({ status, body: { code } });
    expect(changes()).toEqual([]);
  });

  it('is refused in a peer-to-peer room, which has no dominant speaker', async () => {
    const { call, at, changes } = talk('peer-to-peer');
    expect(await call('POST', at, { identity: 'bob' })).toMatchObject({
      status: 400,
      body: { code: 20001, message: expect.stringContaining('peer-to-peer') },
    });
    expect(changes()).toEqual([]);
  });

  it('lets a forced speaker who leaves go: the room is back to what the media server hears', async () => {
    const { engine, accountSid, room, bob, call, at } = talk();
    await call('POST', at, { identity: 'bob' });
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: bob ?? '' });
    expect((await call('GET', at)).body).toMatchObject({ participantSid: null, forced: false });
  });
});
