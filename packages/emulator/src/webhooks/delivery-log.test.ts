import { createEngine, manualClock, memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.js';
import { deliverStatusCallbacks } from './status-callback-delivery.js';

const emulators: Emulator[] = [];
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.close();
});

/** An emulator whose status callbacks reach a receiver that is up (204) or down (503) as `receiver.up` says. */
function emulatorWithReceiver(statusCallbacks: EmulatorOptions['statusCallbacks'] = {}) {
  const receiver = { up: true, received: [] as string[] };
  const logger = memoryLogger();
  const emulator = createEmulator({
    clock: manualClock(),
    logger,
    statusCallbacks: {
      retryDelayMs: 1,
      ...statusCallbacks,
      fetch: async (_url, init) => {
        if (!receiver.up) return new Response('down', { status: 503 });
        receiver.received.push(new URLSearchParams(String(init?.body)).get('StatusCallbackEvent') ?? '');
        return new Response(null, { status: 204 });
      },
    },
  });
  emulators.push(emulator);
  const { accountSid } = emulator.credentials;
  const room = emulator.engine.createRoom({ accountSid }, { statusCallback: 'http://127.0.0.1:9/hooks' });
  const visit = (identity: string) => {
    const participant = emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity });
    emulator.engine.disconnectParticipant({ accountSid, room: room.sid, participant: participant.sid });
  };
  const events = () => emulator.statusCallbacks.deliveries().map((delivery) => delivery.event);
  return { emulator, receiver, logger, room, visit, events };
}

describe('the record of status callback deliveries', () => {
  it('keeps the newest `capacity` delivered ones, and a failed one however many succeed after it', async () => {
    const { emulator, receiver, visit, events } = emulatorWithReceiver({ capacity: 2 });
    receiver.up = false;
    visit('alice');
    await emulator.statusCallbacks.idle();
    receiver.up = true;
    visit('bob');
    visit('carol');
    await emulator.statusCallbacks.idle();

    // The room's and alice's failed while the receiver was down; of the four delivered, the newest two.
    expect(events()).toEqual([
      'room-created',
      'participant-connected',
      'participant-disconnected',
      'participant-connected',
      'participant-disconnected',
    ]);
    expect(emulator.statusCallbacks.deliveries().map((delivery) => delivery.state)).toEqual([
      'failed',
      'failed',
      'failed',
      'delivered',
      'delivered',
    ]);
    expect(emulator.statusCallbacks.redeliver()).toBe(3);
    await emulator.statusCallbacks.idle();
    expect(receiver.received.slice(-3)).toEqual([
      'room-created',
      'participant-connected',
      'participant-disconnected',
    ]);
    expect(emulator.statusCallbacks.deliveries().every((delivery) => delivery.state === 'delivered')).toBe(
      true,
    );
    expect(emulator.statusCallbacks.redeliver()).toBe(0);
  });

  it('forgets the oldest failed one past `failedCapacity`, and tells the logger which', async () => {
    const { emulator, receiver, logger, visit, events } = emulatorWithReceiver({ failedCapacity: 2 });
    receiver.up = false;
    visit('alice');
    await emulator.statusCallbacks.idle();

    expect(events()).toEqual(['participant-connected', 'participant-disconnected']);
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/room-created of room RM\w+ \(failed.*is forgotten: more than 2/),
      }),
    ]);
    receiver.up = true;
    expect(emulator.statusCallbacks.redeliver()).toBe(2);
    await emulator.statusCallbacks.idle();
    expect(receiver.received).toEqual(['participant-connected', 'participant-disconnected']);
  });

  it("records a callback it could not send as failed, tells the logger, and sends the room's next ones", async () => {
    const engine = createEngine({ clock: manualClock() });
    const { sid: accountSid } = engine.addAccount();
    const logger = memoryLogger();
    const sent: string[] = [];
    const delivery = deliverStatusCallbacks(engine, {
      authTokenOf: () => 'token',
      logger,
      // A fault of the emulator's own, not the receiver's: here, looking up a fault throws once.
      faultFor: (event) => {
        if (event === 'room-created') throw new Error('broken fault table');
        return undefined;
      },
      fetch: async (_url, init) => {
        sent.push(new URLSearchParams(String(init?.body)).get('StatusCallbackEvent') ?? '');
        return new Response(null, { status: 204 });
      },
    });
    const room = engine.createRoom({ accountSid }, { statusCallback: 'http://127.0.0.1:9/hooks' });
    engine.completeRoom({ accountSid, room: room.sid });
    await delivery.idle();
    delivery.close();

    expect(sent).toEqual(['room-ended']);
    expect(delivery.deliveries().map(({ event, state }) => `${event} ${state}`)).toEqual([
      'room-created failed',
      'room-ended delivered',
    ]);
    expect(logger.entries).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('could not be sent') }),
    ]);
  });
});
