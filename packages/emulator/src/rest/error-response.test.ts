import { manualClock, memoryLogger } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator.js';

/** An emulator whose engine breaks on one read, as a roomlab bug would. */
function brokenEmulator() {
  const logger = memoryLogger();
  const emulator = createEmulator({ clock: manualClock(), logger });
  const bug = new Error('a roomlab bug');
  emulator.engine.listRooms = () => {
    throw bug;
  };
  const { accountSid, authToken } = emulator.credentials;
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  return { emulator, logger, bug, authorization };
}

describe('an unexpected failure while serving', () => {
  it('is answered with 20500 naming it a roomlab bug, and reported to the logger with its request', async () => {
    const { emulator, logger, bug, authorization } = brokenEmulator();
    const response = await emulator.handle(
      new Request('https://video.twilio.com/v1/Rooms', { headers: { authorization } }),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 20500,
      message: expect.stringContaining('roomlab bug'),
    });
    expect(logger.entries).toEqual([
      { level: 'error', message: 'unexpected error while serving GET /v1/Rooms', cause: bug },
    ]);
    emulator.close();
  });

  it('in the control API is answered and reported the same way', async () => {
    const { emulator, logger, bug } = brokenEmulator();
    emulator.control.snapshot = () => {
      throw bug;
    };
    const response = await emulator.handle(new Request('https://video.twilio.com/_roomlab/state'));
    expect(response.status).toBe(500);
    expect(logger.entries).toEqual([
      { level: 'error', message: 'unexpected error while serving GET /_roomlab/state', cause: bug },
    ]);
    emulator.close();
  });
});
