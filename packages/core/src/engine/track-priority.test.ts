import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';
import type { PublishTrackOptions } from './engine-api.js';
import type { EngineState } from './engine-state.js';

function publisher() {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'prio' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const ref = { accountSid, room: room.sid, participant: alice.sid };
  const publish = (options: PublishTrackOptions) => engine.publishTrack(ref, options);
  const trackRef = (track: string) => ({ ...ref, track });
  return { ...fixture, alice, publish, trackRef };
}

describe('track priority', () => {
  it('is standard unless the publisher chose another, and travels on track-added', () => {
    const { publish, seen } = publisher();
    expect(publish({ kind: 'audio', name: 'mic' }).priority).toBe('standard');
    expect(publish({ kind: 'video', name: 'cam', priority: 'high' }).priority).toBe('high');
    const added = seen.filter((event) => event.name === 'track-added').map((event) => event.track?.priority);
    expect(added).toEqual(['standard', 'high']);
  });

  it('changes with track-priority-changed, only when it really changes', () => {
    const { engine, publish, trackRef, seen } = publisher();
    const cam = publish({ kind: 'video', name: 'cam' });
    engine.setTrackPriority(trackRef(cam.sid), 'low');
    engine.setTrackPriority(trackRef(cam.sid), 'low');
    engine.setTrackPriority(trackRef(cam.sid), 'high');
    const changes = seen.filter((event) => event.name === 'track-priority-changed');
    expect(changes.map((event) => event.track?.priority)).toEqual(['low', 'high']);
    expect(engine.getParticipant(trackRef(cam.sid)).publishedTracks.get(cam.sid)?.priority).toBe('high');
  });

  it('refuses an unknown priority with 53300, changing nothing', () => {
    const { engine, alice, publish, trackRef, names } = publisher();
    const bad = { kind: 'video', name: 'cam', priority: 'urgent' } as unknown as PublishTrackOptions;
    expect(codeOf(() => publish(bad))).toBe(53300);
    expect(alice.publishedTracks.size).toBe(0);
    const mic = publish({ kind: 'audio', name: 'mic', priority: 'low' });
    const before = names().length;
    expect(codeOf(() => engine.setTrackPriority(trackRef(mic.sid), 'HIGH' as 'high'))).toBe(53300);
    expect(mic.priority).toBe('low');
    expect(names()).toHaveLength(before);
  });

  it('is kept by a snapshot, and a snapshot from before priorities restores its tracks as standard', () => {
    const { engine, publish, clock, accountSid } = publisher();
    publish({ kind: 'video', name: 'cam', priority: 'low' });
    const state = JSON.parse(JSON.stringify(engine.snapshot())) as EngineState;
    const copy = createEngine({ clock });
    copy.restore(state);
    const tracksOf = (target: typeof engine) => [
      ...target.getParticipant({ accountSid, room: 'prio', participant: 'alice' }).publishedTracks.values(),
    ];
    expect(tracksOf(copy).map((track) => track.priority)).toEqual(['low']);
    const old = JSON.parse(JSON.stringify(state).replace('"priority":"low",', '')) as EngineState;
    copy.restore(old);
    expect(tracksOf(copy).map((track) => track.priority)).toEqual(['standard']);
    const bad = JSON.parse(JSON.stringify(state).replace('"priority":"low"', '"priority":"urgent"'));
    expect(codeOf(() => copy.restore(bad as EngineState))).toBe(20001);
    expect(tracksOf(copy).map((track) => track.priority)).toEqual(['standard']);
  });
});
