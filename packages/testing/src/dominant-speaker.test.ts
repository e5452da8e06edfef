import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from './start-emulator.js';

describe('the dominant speaker helpers', () => {
  let roomlab: TestEmulator;
  afterEach(async () => {
    await roomlab.stop();
  });

  it("force a participant by identity as the room's dominant speaker, read it back, and release it", async () => {
    roomlab = await startEmulator();
    const account = await roomlab.account();
    await account.join('alice', { room: 'team' });
    await account.join('bob', { room: 'team' });
    expect(account.dominantSpeaker('team')).toBeNull();
    account.forceDominantSpeaker('team', 'bob');
    expect(account.dominantSpeaker('team')).toBe('bob');
    const changes = roomlab.emulator.control.events({ name: 'dominant-speaker-changed' });
    expect(changes.map((event) => [event.room.uniqueName, event.participant?.identity])).toEqual([
      ['team', 'bob'],
    ]);
    account.releaseDominantSpeaker('team');
    expect(account.dominantSpeaker('team')).toBeNull();
    expect(() => account.forceDominantSpeaker('team', 'carol')).toThrow(/Invalid identity/);
  });
});
