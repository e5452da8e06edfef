import { describe, expect, it } from 'vitest';
import type { RoomType } from '../resources.js';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { dominantSpeakerOf } from './dominant-speaker.js';

/** A room of `type` with alice and bob connected; `speakers()` lists each change as its SID (null: nobody). */
function room(type: RoomType = 'group') {
  const fixture = engineFixture();
  const { engine, accountSid, seen } = fixture;
  const created = engine.createRoom({ accountSid }, { uniqueName: 'standup', type });
  const ref = { accountSid, room: created.sid };
  const join = (identity: string) => engine.connectParticipant(ref, { identity }).sid;
  const [alice, bob] = [join('alice'), join('bob')];
  const speakers = () =>
    seen
      .filter((event) => event.name === 'dominant-speaker-changed')
      .map((event) => event.participant?.sid ?? null);
  const detected = (participant: string | null) =>
    engine.setDominantSpeaker(ref, { participant, source: 'detection' });
  const forced = (participant: string | null) =>
    engine.setDominantSpeaker(ref, { participant, source: 'test' });
  return { ...fixture, ref, created, alice, bob, join, speakers, detected, forced };
}

describe('the dominant speaker', () => {
  it('is who detection hears, with an event each time it changes and none when it does not', () => {
    const { created, alice, bob, speakers, detected } = room();
    expect(dominantSpeakerOf(created)).toBeNull();
    detected(alice);
    detected(alice);
    detected(bob);
    expect(speakers()).toEqual([alice, bob]);
    expect(dominantSpeakerOf(created)).toBe(bob);
  });

  it("is who a test forces (by SID or identity), over detection, until it lets go: then detection's again", () => {
    const { created, alice, bob, join, speakers, detected, forced } = room();
    const carol = join('carol');
    detected(alice);
    forced('carol');
    // Detection goes on underneath, unseen while the test holds the floor.
    detected(bob);
    expect(dominantSpeakerOf(created)).toBe(carol);
    forced(null);
    expect(speakers()).toEqual([alice, carol, bob]);
    expect(created.dominantSpeaker).toEqual({ detected: bob, forced: null });
  });

  it('goes to nobody when the speaker leaves; a forced one who leaves hands back to detection', () => {
    const { engine, ref, alice, bob, join, speakers, detected, forced } = room();
    const carol = join('carol');
    detected(alice);
    forced(carol);
    engine.disconnectParticipant({ ...ref, participant: carol });
    engine.disconnectParticipant({ ...ref, participant: bob });
    engine.disconnectParticipant({ ...ref, participant: alice });
    expect(speakers()).toEqual([alice, carol, alice, null]);
  });

  it('names only a connected participant of an in-progress room, and changes nothing otherwise', () => {
    const { engine, ref, created, alice, bob, speakers, detected, forced } = room();
    detected(alice);
    engine.disconnectParticipant({ ...ref, participant: bob });
    expect(codeOf(() => forced(bob))).toBe(53204);
    expect(codeOf(() => detected('PA00000000000000000000000000000000'))).toBe(53204);
    expect(codeOf(() => forced('nobody'))).toBe(53204);
    engine.completeRoom(ref);
    expect(codeOf(() => forced(alice))).toBe(53118);
    expect(speakers()).toEqual([alice, null]);
    expect(dominantSpeakerOf(created)).toBeNull();
  });

  it.each(['peer-to-peer', 'go'] as const)(
    'has no place in a %s room: detection is ignored, forcing is refused with 20001',
    (type) => {
      const { created, alice, speakers, detected, forced } = room(type);
      detected(alice);
      expect(codeOf(() => forced(alice))).toBe(20001);
      expect(speakers()).toEqual([]);
      expect(created.dominantSpeaker).toBeUndefined();
    },
  );

  it('is kept in a snapshot and restored with it', () => {
    const { engine, ref, bob, detected, forced } = room();
    detected(bob);
    forced('alice');
    const restored = engine.snapshot();
    engine.restore(restored);
    expect(engine.getRoom(ref).dominantSpeaker).toEqual({
      detected: bob,
      forced: engine.getParticipant({ ...ref, participant: 'alice' }).sid,
    });
  });
});
