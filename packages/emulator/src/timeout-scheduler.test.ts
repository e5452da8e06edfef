import { createEngine } from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmulator } from './emulator.js';
import { directMode } from './test-support/modes.js';
import { scheduleTimeouts } from './timeout-scheduler.js';

describe('room timeouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('on a manual clock, completes unused and emptied rooms and ends overlong participants as time advances', async () => {
    const session = await directMode.start();
    const { client, clock, emulator } = session;
    const { accountSid } = emulator.credentials;
    const unused = await client.video.v1.rooms.create({ uniqueName: 'unused', unusedRoomTimeout: 2 });
    const emptied = await client.video.v1.rooms.create({ uniqueName: 'emptied', emptyRoomTimeout: 3 });
    const long = await client.video.v1.rooms.create({ uniqueName: 'long', maxParticipantDuration: 600 });
    const bob = emulator.engine.connectParticipant({ accountSid, room: emptied.sid }, { identity: 'bob' });
    const carol = emulator.engine.connectParticipant({ accountSid, room: long.sid }, { identity: 'carol' });
    emulator.engine.disconnectParticipant({ accountSid, room: emptied.sid, participant: bob.sid });

    clock.advance(119_000);
    expect((await client.video.v1.rooms(unused.sid).fetch()).status).toBe('in-progress');
    clock.advance(1_000);
    expect(await client.video.v1.rooms(unused.sid).fetch()).toMatchObject({
      status: 'completed',
      duration: 120,
    });
    expect((await client.video.v1.rooms(emptied.sid).fetch()).status).toBe('in-progress');

    clock.advance(60_000);
    expect((await client.video.v1.rooms(emptied.sid).fetch()).status).toBe('completed');

    clock.advance(420_000);
    const ended = await client.video.v1.rooms(long.sid).participants(carol.sid).fetch();
    expect(ended).toMatchObject({ status: 'disconnected', duration: 600 });
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it('on the system clock, a timer completes an unused room when its timeout passes', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 1) });
    const emulator = createEmulator();
    const { accountSid } = emulator.credentials;
    const room = emulator.engine.createRoom({ accountSid }, { unusedRoomTimeout: 1 });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(emulator.engine.getRoom({ accountSid, room: room.sid }).status).toBe('in-progress');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emulator.engine.getRoom({ accountSid, room: room.sid })).toMatchObject({ status: 'completed' });
    emulator.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('on the system clock, keeps no timer once the rooms it waited for have ended', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 5, 1) });
    const engine = createEngine();
    const { sid: accountSid } = engine.addAccount();
    const stop = scheduleTimeouts(engine);
    const unused = engine.createRoom({ accountSid }, { unusedRoomTimeout: 5 });
    const visited = engine.createRoom({ accountSid });
    engine.connectParticipant({ accountSid, room: visited.sid }, { identity: 'alice' });
    expect(vi.getTimerCount()).toBe(1);
    engine.completeRoom({ accountSid, room: unused.sid });
    expect(vi.getTimerCount()).toBe(1);
    engine.completeRoom({ accountSid, room: visited.sid });
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });
});
