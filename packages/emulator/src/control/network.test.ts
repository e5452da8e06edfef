import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';

let running: Emulator | undefined;
afterEach(() => running?.close());

/** An emulator with alice connected, and the control API's network route for her. */
function withAlice() {
  const emulator = createEmulator({ clock: manualClock() });
  running = emulator;
  const { accountSid } = emulator.credentials;
  const room = emulator.engine.createRoom({ accountSid }, { uniqueName: 'net' });
  const alice = emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const network = async (method: string, body?: unknown) => {
    const response = await emulator.handle(
      new Request(`https://video.twilio.com/_roomlab/network?ParticipantSid=${alice.sid}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { emulator, alice, network };
}

describe('POST /_roomlab/network with network conditions', () => {
  it('impairs the participant, with a level or without, and DELETE clears both', async () => {
    const { alice, network } = withAlice();
    expect(await network('POST', { packetLossPercent: 30, latencyMs: 150 })).toEqual({
      status: 200,
      body: { participantSid: alice.sid, level: null, conditions: { packetLossPercent: 30, latencyMs: 150 } },
    });
    const both = await network('POST', { level: 2, jitterMs: 20, bandwidthKbps: 300 });
    expect(both.body).toEqual({
      participantSid: alice.sid,
      level: 2,
      conditions: { jitterMs: 20, bandwidthKbps: 300 },
    });
    // A level alone leaves the conditions as they are.
    expect((await network('POST', { level: 4 })).body).toMatchObject({
      level: 4,
      conditions: { jitterMs: 20, bandwidthKbps: 300 },
    });
    expect((await network('DELETE')).body).toEqual({
      participantSid: alice.sid,
      level: null,
      conditions: null,
    });
    expect(alice).toMatchObject({ networkQualityLevel: null, networkConditions: null });
  });

  it('answers a bad value with 20001 naming the field, and changes neither the level nor the conditions', async () => {
    const { emulator, alice, network } = withAlice();
    await network('POST', { level: 3, latencyMs: 100 });
    const events = emulator.control.events().length;
    const bad: [unknown, string][] = [
      [{ packetLossPercent: 101 }, 'packetLossPercent'],
      [{ level: 2, latencyMs: -5 }, 'latencyMs'],
      [{ level: 9, latencyMs: 5 }, 'level'],
      [{ level: '2', latencyMs: 5 }, 'level'],
      [{ jitterMs: 'lots' }, 'jitterMs'],
      [{ bandwidthKbps: 1 }, 'bandwidthKbps'],
      [{ latencyMs: 5, loss: 10 }, 'loss'],
      [{}, 'level'],
      [[], 'level'],
    ];
    for (const [body, field] of bad) {
      const answer = await network('POST', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.code, JSON.stringify(body)).toBe(20001);
      expect(String(answer.body.message), JSON.stringify(body)).toContain(field);
    }
    expect(alice).toMatchObject({ networkQualityLevel: 3, networkConditions: { latencyMs: 100 } });
    expect(emulator.control.events().length).toBe(events);
  });

  it('has typed functions on emulator.control', () => {
    const { emulator, alice } = withAlice();
    expect(emulator.control.setNetworkConditions(alice.sid, { packetLossPercent: 10 })).toEqual({
      participantSid: alice.sid,
      level: null,
      conditions: { packetLossPercent: 10 },
    });
    expect(emulator.control.setNetwork(alice.sid, { level: 1, latencyMs: 40 }).conditions).toEqual({
      latencyMs: 40,
    });
    expect(emulator.control.setNetworkConditions(alice.sid, null).conditions).toBeNull();
    expect(emulator.control.clearNetwork(alice.sid)).toMatchObject({ level: null, conditions: null });
    expect(() => emulator.control.setNetworkConditions(`PA${'0'.repeat(32)}`, { latencyMs: 1 })).toThrow(
      /was not found/,
    );
  });
});
