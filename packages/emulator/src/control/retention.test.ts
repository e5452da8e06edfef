import { manualClock } from '@roomlab/core';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';
import { inProcessHttpClient } from '../twilio-http-client.js';

const emulators: Emulator[] = [];
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.close();
});

function emulatorKeeping(completedRoomsPerAccount?: number) {
  const emulator = createEmulator({
    clock: manualClock(),
    ...(completedRoomsPerAccount === undefined ? {} : { retention: { completedRoomsPerAccount } }),
  });
  emulators.push(emulator);
  const { accountSid, authToken } = emulator.credentials;
  const client = twilio(accountSid, authToken, { httpClient: inProcessHttpClient(emulator.handle) });
  const retention = async (method: 'GET' | 'POST', body?: unknown) => {
    const response = await emulator.handle(
      new Request('https://video.twilio.com/_roomlab/retention', {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: await response.json() };
  };
  const completedRoom = async (uniqueName: string) => {
    const room = await client.video.v1.rooms.create({ uniqueName });
    await client.video.v1.rooms(room.sid).update({ status: 'completed' });
    return room.sid;
  };
  return { emulator, client, retention, completedRoom };
}

describe('room retention (a roomlab extension)', () => {
  it('drops the oldest completed rooms beyond the option: 20404 over REST and Insights', async () => {
    const { client, completedRoom } = emulatorKeeping(1);
    const dropped = await completedRoom('first');
    const kept = await completedRoom('second');
    await expect(client.video.v1.rooms(dropped).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.video.v1.rooms(dropped).participants.list()).rejects.toMatchObject({ code: 20404 });
    await expect(client.insights.v1.rooms(dropped).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    expect((await client.video.v1.rooms(kept).fetch()).uniqueName).toBe('second');
    expect((await client.insights.v1.rooms(kept).fetch()).roomSid).toBe(kept);
  });

  it('is read and changed at run time through /_roomlab/retention; bad input is 20001 and changes nothing', async () => {
    const { emulator, client, retention, completedRoom } = emulatorKeeping();
    const first = await completedRoom('first');
    await completedRoom('second');
    expect(await retention('GET')).toEqual({ status: 200, body: { completedRoomsPerAccount: 10_000 } });
    for (const bad of [{}, { completedRoomsPerAccount: -1 }, { completedRoomsPerAccount: 1.5 }])
      expect(await retention('POST', bad)).toMatchObject({ status: 400, body: { code: 20001 } });
    expect((await client.video.v1.rooms.list({ status: 'completed' })).length).toBe(2);
    expect(await retention('POST', { completedRoomsPerAccount: 1 })).toEqual({
      status: 200,
      body: { completedRoomsPerAccount: 1 },
    });
    await expect(client.video.v1.rooms(first).fetch()).rejects.toMatchObject({ code: 20404 });
    expect(
      (await client.video.v1.rooms.list({ status: 'completed' })).map((room) => room.uniqueName),
    ).toEqual(['second']);
    // A reset brings back the start-up state, not the setting.
    emulator.control.reset();
    expect(await retention('GET')).toEqual({ status: 200, body: { completedRoomsPerAccount: 1 } });
  });
});
