import { describe, expect, it } from 'vitest';
import { type Session, sessionRegistry } from './sessions.js';

const session = (id: string, room: string, participant: string): Session => ({
  id,
  ref: { accountSid: 'AC1', room, participant },
  connection: undefined,
  tracks: new Map(),
  clientRevision: 1,
  publishedRevision: 0,
  ready: true,
});

describe('the session registry', () => {
  it("finds each room's sessions and each participant's, and forgets them when they are removed", () => {
    const sessions = sessionRegistry();
    const ada = session('S1', 'RM1', 'PA1');
    const bob = session('S2', 'RM1', 'PA2');
    const cy = session('S3', 'RM2', 'PA3');
    for (const each of [ada, bob, cy]) sessions.add(each);
    expect(sessions.inRoom('RM1')).toEqual([ada, bob]);
    expect(sessions.ofParticipant('PA3')).toBe(cy);

    // Removing while going through a room (a room ending) sees every session once.
    for (const each of sessions.inRoom('RM1')) sessions.remove(each);
    sessions.remove(ada);
    expect(sessions.inRoom('RM1')).toEqual([]);
    expect(sessions.ofParticipant('PA1')).toBeUndefined();
    expect(sessions.inRoom('RM2')).toEqual([cy]);
    expect(sessions.size).toBe(1);
  });
});
