// The README's network example, as a user writes it (it runs in this package's own test suite).
import { startEmulator, type TestEmulator } from '@roomlab/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

let roomlab: TestEmulator;
beforeAll(async () => {
  roomlab = await startEmulator();
});
afterAll(() => roomlab.stop());

test('my test gives a participant a bad network, then a good one again', async () => {
  const alice = await roomlab.join('alice', { room: 'call', tracks: [{ kind: 'audio', name: 'mic' }] });

  // A scripted participant, through what join() returned:
  expect(alice.network({ packetLossPercent: 30, latencyMs: 200 })).toEqual({
    participantSid: alice.sid,
    level: null,
    conditions: { packetLossPercent: 30, latencyMs: 200 },
  });
  // Any participant by identity (a real twilio-video client too), with a forced level beside:
  expect(roomlab.network('alice', { level: 2, bandwidthKbps: 300 }).conditions).toEqual({
    bandwidthKbps: 300,
  });
  // A bad value changes nothing, and says which field it was:
  expect(() => roomlab.network('alice', { packetLossPercent: 150 })).toThrow(/packetLossPercent/);

  expect(alice.clearNetwork()).toEqual({ participantSid: alice.sid, level: null, conditions: null });
  const changes = roomlab.emulator.control.events({ name: 'network-conditions-changed' });
  expect(changes.map((event) => event.networkConditions)).toEqual([
    { packetLossPercent: 30, latencyMs: 200 },
    { bandwidthKbps: 300 },
    null,
  ]);
});
