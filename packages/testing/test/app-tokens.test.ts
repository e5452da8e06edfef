// join(identity, { token }) and verifyToken(token, { room }) refuse what the SDK's connect is refused.
import twilio from 'twilio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type TestEmulator } from '../src/index.js';

let roomlab: TestEmulator;
beforeAll(async () => {
  roomlab = await startEmulator();
});
afterAll(() => roomlab.stop());

const videoToken = (
  key: { accountSid: string; apiKeySid: string; apiKeySecret: string },
  identity: string,
  room?: string,
) => {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(key.accountSid, key.apiKeySid, key.apiKeySecret, { identity });
  token.addGrant(new AccessToken.VideoGrant(room === undefined ? {} : { room }));
  return token.toJwt();
};

test.each([
  ['not a token', () => 'not-a-token', undefined, 20101],
  [
    'forged with another secret',
    () => videoToken({ ...roomlab, apiKeySecret: 'x'.repeat(32) }, 'bob'),
    undefined,
    20107,
  ],
  ['for another room', () => videoToken(roomlab, 'bob', 'standup'), 'retro', 20106],
])(
  'a token %s is refused by join() and verifyToken() with the same code and message',
  async (_, token, room, code) => {
    const verdict = await roomlab.verifyToken(token(), { room });
    expect(verdict).toMatchObject({ ok: false, code });
    const message = verdict.ok ? '' : verdict.message;
    await expect(roomlab.join('bob', { room, token: token() })).rejects.toMatchObject({ code, message });
  },
);

test('a token without a room joins the room join() names; one with a room joins that room by default', async () => {
  const anywhere = await roomlab.join('carol', { room: 'lobby', token: videoToken(roomlab, 'carol') });
  expect(anywhere.roomName).toBe('lobby');
  const granted = await roomlab.join('dave', { token: videoToken(roomlab, 'dave', 'standup') });
  expect(granted.roomName).toBe('standup');
});

test('each account verifies and joins with its own tokens: another account’s is refused with 20103', async () => {
  const other = await roomlab.account();
  expect(await other.verifyToken(videoToken(other, 'erin'))).toMatchObject({ ok: true, identity: 'erin' });
  expect(await roomlab.verifyToken(videoToken(other, 'erin'))).toMatchObject({ ok: false, code: 20103 });
  await expect(
    roomlab.join('erin', { room: 'elsewhere', token: videoToken(other, 'erin') }),
  ).rejects.toMatchObject({
    code: 20103,
  });
  expect(roomlab.emulator.engine.getAccount(other.accountSid)?.rooms.size).toBe(0);
});

test('join() with a token for someone else says whose it is, before connecting (no room is made)', async () => {
  await expect(roomlab.join('frank', { room: 'hall', token: videoToken(roomlab, 'grace') })).rejects.toThrow(
    /a token for 'grace'/,
  );
  expect(await roomlab.client.video.v1.rooms.list({ uniqueName: 'hall' })).toEqual([]);
});
