import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';

const emulators: Emulator[] = [];
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.close();
});

describe('the record of status callback deliveries', () => {
  it('keeps the newest `capacity` deliveries, oldest first, and redelivers from those', async () => {
    const answers: number[] = [];
    const emulator = createEmulator({
      clock: manualClock(),
      statusCallbacks: {
        capacity: 2,
        retryDelayMs: 1,
        fetch: async () => {
          answers.push(503);
          return new Response('down', { status: 503 });
        },
      },
    });
    emulators.push(emulator);
    const { accountSid } = emulator.credentials;
    const room = emulator.engine.createRoom({ accountSid }, { statusCallback: 'http://127.0.0.1:9/hooks' });
    emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    emulator.engine.completeRoom({ accountSid, room: room.sid });
    await emulator.statusCallbacks.idle();

    const kept = emulator.statusCallbacks.deliveries();
    expect(kept.map((delivery) => delivery.event)).toEqual(['participant-disconnected', 'room-ended']);
    expect(kept.every((delivery) => delivery.state === 'failed')).toBe(true);
    expect(emulator.statusCallbacks.redeliver()).toBe(2);
  });
});
