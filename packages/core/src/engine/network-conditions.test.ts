import { describe, expect, it } from 'vitest';
import { isTwilioError } from '../errors.js';
import { engineFixture } from '../test-support/engine-fixture.js';

/** The Twilio error a call throws, as `code: message`. */
function errorOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (isTwilioError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a TwilioError, but the call succeeded');
}

function connected() {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'net' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  return { ...fixture, alice, ref: { accountSid, room: room.sid, participant: alice.sid } };
}

describe('network conditions', () => {
  it('stores the conditions on the participant, replaces them, clears them, and logs each change', () => {
    const { engine, alice, ref, seen } = connected();
    engine.setNetworkConditions(ref, { packetLossPercent: 30, latencyMs: 200 });
    expect(alice.networkConditions).toEqual({ packetLossPercent: 30, latencyMs: 200 });
    engine.setNetworkConditions(ref, { bandwidthKbps: 64, jitterMs: 20 });
    expect(alice.networkConditions).toEqual({ bandwidthKbps: 64, jitterMs: 20 });
    engine.setNetworkConditions(ref, null);
    expect(alice.networkConditions).toBeNull();
    const changes = seen.filter((event) => event.name === 'network-conditions-changed');
    expect(changes.map((event) => [event.participant?.sid, event.networkConditions])).toEqual([
      [alice.sid, { packetLossPercent: 30, latencyMs: 200 }],
      [alice.sid, { bandwidthKbps: 64, jitterMs: 20 }],
      [alice.sid, null],
    ]);
  });

  it('keeps the conditions through a snapshot and restore', () => {
    const { engine, ref } = connected();
    engine.setNetworkConditions(ref, { packetLossPercent: 5 });
    const saved = engine.snapshot();
    engine.setNetworkConditions(ref, null);
    engine.restore(saved);
    expect(engine.getParticipant(ref).networkConditions).toEqual({ packetLossPercent: 5 });
  });

  it('refuses a bad condition with 20001 naming the field, and changes nothing', () => {
    const { engine, alice, ref, seen } = connected();
    engine.setNetworkConditions(ref, { latencyMs: 100 });
    const before = seen.length;
    const bad: [unknown, string][] = [
      [{ packetLossPercent: -1 }, 'packetLossPercent'],
      [{ packetLossPercent: 100.5 }, 'packetLossPercent'],
      [{ latencyMs: 10_001 }, 'latencyMs'],
      [{ latencyMs: 50, jitterMs: '5' }, 'jitterMs'],
      [{ jitterMs: Number.NaN }, 'jitterMs'],
      [{ bandwidthKbps: 7 }, 'bandwidthKbps'],
      [{ latencyMs: 50, lossPercent: 5 }, 'lossPercent'],
      [{}, 'at least one of packetLossPercent'],
      [[], 'give an object'],
    ];
    for (const [conditions, named] of bad) {
      const error = errorOf(() => engine.setNetworkConditions(ref, conditions as never));
      expect(error, JSON.stringify(conditions)).toMatch(/^20001: /);
      expect(error, JSON.stringify(conditions)).toContain(named);
    }
    expect(alice.networkConditions).toEqual({ latencyMs: 100 });
    expect(seen.length).toBe(before);
  });

  it('takes the edges of each range', () => {
    const { engine, alice, ref } = connected();
    const edges = { packetLossPercent: 100, latencyMs: 0, jitterMs: 10_000, bandwidthKbps: 8 };
    engine.setNetworkConditions(ref, edges);
    expect(alice.networkConditions).toEqual(edges);
  });

  it('impairs only a connected participant (53204 once it left)', () => {
    const { engine, ref } = connected();
    engine.disconnectParticipant(ref);
    expect(errorOf(() => engine.setNetworkConditions(ref, { latencyMs: 10 }))).toMatch(/^53204: /);
  });
});
