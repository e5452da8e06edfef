import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';

describe('bandwidth profiles (a roomlab extension)', () => {
  it('the last stored is the account default; storing a name again replaces it', () => {
    const { engine, accountSid } = engineFixture();
    expect(engine.defaultBandwidthProfile({ accountSid })).toBeUndefined();
    engine.storeBandwidthProfile({ accountSid }, { name: 'tight', maxSubscriptionBitrate: 300_000 });
    engine.storeBandwidthProfile({ accountSid }, { name: 'wide', maxSubscriptionBitrate: 2_000_000 });
    expect(engine.defaultBandwidthProfile({ accountSid })?.name).toBe('wide');
    engine.storeBandwidthProfile({ accountSid }, { name: 'tight', maxSubscriptionBitrate: 200_000 });
    expect(engine.defaultBandwidthProfile({ accountSid })).toMatchObject({
      name: 'tight',
      maxSubscriptionBitrate: 200_000,
    });
  });

  it('refuses a bad name or bitrate with 20001 naming the field, storing nothing', () => {
    const { engine, accountSid } = engineFixture();
    const store = (input: { name: unknown; maxSubscriptionBitrate: unknown }) => () =>
      engine.storeBandwidthProfile({ accountSid }, input);
    expect(codeOf(store({ name: '', maxSubscriptionBitrate: 1000 }))).toBe(20001);
    expect(codeOf(store({ name: 'x', maxSubscriptionBitrate: -1 }))).toBe(20001);
    expect(codeOf(store({ name: 'x', maxSubscriptionBitrate: '1000' }))).toBe(20001);
    expect(() => store({ name: 'x', maxSubscriptionBitrate: 1.5 })()).toThrow(/maxSubscriptionBitrate/);
    expect(() => store({ name: 7, maxSubscriptionBitrate: 1 })()).toThrow(/name/);
    expect(engine.defaultBandwidthProfile({ accountSid })).toBeUndefined();
  });

  it('survives a snapshot and restore', () => {
    const { engine, accountSid } = engineFixture();
    engine.storeBandwidthProfile({ accountSid }, { name: 'kept', maxSubscriptionBitrate: 500_000 });
    const other = createEngine();
    other.restore(engine.snapshot());
    expect(other.defaultBandwidthProfile({ accountSid })?.maxSubscriptionBitrate).toBe(500_000);
  });
});

describe('track switches', () => {
  it('are logged with the publisher, the track, the subscriber and the reason', () => {
    const { engine, accountSid, seen } = engineFixture();
    const room = engine.createRoom({ accountSid }, { uniqueName: 'switch' });
    const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
    const cam = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'video', name: 'cam' },
    );
    const bobRef = { accountSid, room: room.sid, participant: bob.sid };
    engine.recordTrackSwitch(bobRef, { trackSid: cam.sid, on: false, reason: 'bitrate-cap' });
    engine.recordTrackSwitch(bobRef, { trackSid: cam.sid, on: true, reason: 'allocated' });
    const switches = seen.filter((event) => event.name.startsWith('track-switched'));
    expect(
      switches.map((event) => [
        event.name,
        event.participant?.sid,
        event.track?.sid,
        event.subscriber?.sid,
        event.switchReason,
      ]),
    ).toEqual([
      ['track-switched-off', alice.sid, cam.sid, bob.sid, 'bitrate-cap'],
      ['track-switched-on', alice.sid, cam.sid, bob.sid, 'allocated'],
    ]);
  });
});
