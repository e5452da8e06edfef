// The README's example of the app's own tokens (it runs in this package's own test suite).
import { startEmulator, type TestEmulator } from '@roomlab/testing';
import twilio from 'twilio';
import { afterAll, beforeAll, expect, test } from 'vitest';

let roomlab: TestEmulator;
beforeAll(async () => {
  roomlab = await startEmulator();
});
afterAll(() => roomlab.stop());

/** The app's own code: a token for the twilio-video SDK, minted with the account's API key. */
function mintVideoToken(identity: string, room: string, ttl = 3600): string {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(roomlab.accountSid, roomlab.apiKeySid, roomlab.apiKeySecret, {
    identity,
    ttl,
  });
  token.addGrant(new AccessToken.VideoGrant({ room }));
  return token.toJwt();
}

test('a participant joins with the token my app minted, and an expired one is refused as the SDK is', async () => {
  const token = mintVideoToken('alice', 'standup', 60);
  expect(await roomlab.verifyToken(token, { room: 'standup' })).toMatchObject({
    ok: true,
    identity: 'alice',
    room: 'standup',
  });
  const alice = await roomlab.join('alice', { room: 'standup', token });
  expect(alice.roomName).toBe('standup');
  await alice.disconnect();

  roomlab.advanceClock(61_000); // past the token's ttl, on the emulator's clock
  expect(await roomlab.verifyToken(token)).toMatchObject({ ok: false, code: 20104 });
  await expect(roomlab.join('alice', { room: 'standup', token })).rejects.toMatchObject({ code: 20104 });
});
