import { afterEach, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';

let roomlab: TestEmulator;
afterEach(() => roomlab.stop());

it('finds a participant by identity among the connected ones of the account, in the room named if several', async () => {
  roomlab = await startEmulator();
  const mine = await roomlab.account();
  expect(() => mine.network('ann', { latencyMs: 50 })).toThrow(/No participant ann is connected/);
  const first = await mine.join('ann', { room: 'one' });
  const second = await mine.join('ann', { room: 'two' });
  expect(() => mine.network('ann', { latencyMs: 50 })).toThrow(/more than one room/);
  expect(mine.network('ann', { latencyMs: 50 }, { room: 'two' }).participantSid).toBe(second.sid);
  expect(mine.clearNetwork('ann', { room: second.roomSid }).participantSid).toBe(second.sid);
  // Another account's participant of that name is not this account's.
  expect(() => roomlab.network('ann', { latencyMs: 50 })).toThrow(/No participant ann/);
  await first.disconnect();
  expect(mine.network('ann', { jitterMs: 5 }).participantSid).toBe(second.sid);
});
