import { describe, expect, it } from 'vitest';
import { codeOf, engineFixture } from '../test-support/engine-fixture.js';

function roomWithTwo(options = {}) {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, options);
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
  return { ...fixture, room, alice, bob };
}

describe('tracks and subscriptions', () => {
  it('subscribes everyone else to a published track, and unsubscribes them when it is unpublished', () => {
    const { engine, accountSid, room, alice, bob, names } = roomWithTwo();
    const mic = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    expect([...bob.subscribedTracks.keys()]).toEqual([mic.sid]);
    expect(alice.subscribedTracks.size).toBe(0);
    engine.unpublishTrack({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid });
    expect(bob.subscribedTracks.size).toBe(0);
    expect(names().slice(-4)).toEqual([
      'track-added',
      'track-subscribed',
      'track-unsubscribed',
      'track-removed',
    ]);
  });

  it('gives a newcomer what is already published', () => {
    const { engine, accountSid, room, alice } = roomWithTwo();
    const camera = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'video', name: 'camera' },
    );
    const carol = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'carol' });
    expect([...carol.subscribedTracks.keys()]).toEqual([camera.sid]);
  });

  it('emits track-disabled and track-enabled only on a change', () => {
    const { engine, accountSid, room, alice, names } = roomWithTwo();
    const mic = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    engine.setTrackEnabled({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid }, false);
    engine.setTrackEnabled({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid }, false);
    engine.setTrackEnabled({ accountSid, room: room.sid, participant: alice.sid, track: mic.sid }, true);
    expect(names().filter((name) => name === 'track-disabled' || name === 'track-enabled')).toEqual([
      'track-disabled',
      'track-enabled',
    ]);
  });

  it('refuses video in an audio-only room with 53125', () => {
    const { engine, accountSid, room, alice } = roomWithTwo({ audioOnly: true });
    expect(
      codeOf(() =>
        engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'video' }),
      ),
    ).toBe(53125);
    expect(
      engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio' }).kind,
    ).toBe('audio');
  });

  it.each([
    ['', 53301],
    ['n'.repeat(129), 53302],
    ['bad\u0000name', 53303],
  ])('refuses the track name %j with %i', (name, code) => {
    const { engine, accountSid, room, alice } = roomWithTwo();
    expect(
      codeOf(() =>
        engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio', name }),
      ),
    ).toBe(code);
    expect(alice.publishedTracks.size).toBe(0);
  });

  it('refuses a second track of the same name from one participant (53304)', () => {
    const { engine, accountSid, room, alice, bob } = roomWithTwo();
    engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    expect(
      codeOf(() =>
        engine.publishTrack(
          { accountSid, room: room.sid, participant: alice.sid },
          { kind: 'audio', name: 'mic' },
        ),
      ),
    ).toBe(53304);
    expect(
      engine.publishTrack(
        { accountSid, room: room.sid, participant: bob.sid },
        { kind: 'audio', name: 'mic' },
      ).name,
    ).toBe('mic');
  });

  it('refuses to publish past the room’s concurrent track limit (53203)', () => {
    const { engine, accountSid } = engineFixture();
    const room = engine.createRoom({ accountSid }, { type: 'group-small' });
    const participants = ['a', 'b', 'c', 'd'].map((identity) =>
      engine.connectParticipant({ accountSid, room: room.sid }, { identity }),
    );
    for (let index = 0; index < 170; index++) {
      const publisher = participants[index % 4];
      engine.publishTrack(
        { accountSid, room: room.sid, participant: publisher?.sid ?? '' },
        { kind: 'data', name: `t${index}` },
      );
    }
    expect(
      codeOf(() =>
        engine.publishTrack(
          { accountSid, room: room.sid, participant: participants[0]?.sid ?? '' },
          { kind: 'data' },
        ),
      ),
    ).toBe(53203);
  });

  it('refuses tracks from a participant who is not connected (53204)', () => {
    const { engine, accountSid, room, alice } = roomWithTwo();
    engine.disconnectParticipant({ accountSid, room: room.sid, participant: alice.sid });
    expect(
      codeOf(() =>
        engine.publishTrack({ accountSid, room: room.sid, participant: alice.sid }, { kind: 'audio' }),
      ),
    ).toBe(53204);
  });

  it('follows subscribe rules: include by kind or publisher, exclude by track name', () => {
    const { engine, accountSid, room, alice, bob } = roomWithTwo();
    const carol = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'carol' });
    const aliceMic = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'audio', name: 'mic' },
    );
    const aliceCam = engine.publishTrack(
      { accountSid, room: room.sid, participant: alice.sid },
      { kind: 'video', name: 'cam' },
    );
    const carolCam = engine.publishTrack(
      { accountSid, room: room.sid, participant: carol.sid },
      { kind: 'video', name: 'cam' },
    );
    engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, [
      { type: 'include', kind: 'audio' },
    ]);
    expect([...bob.subscribedTracks.keys()]).toEqual([aliceMic.sid]);
    engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, [
      { type: 'include', publisher: 'carol' },
    ]);
    expect([...bob.subscribedTracks.keys()]).toEqual([carolCam.sid]);
    engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, [
      { type: 'include', all: true },
      { type: 'exclude', track: 'cam' },
    ]);
    expect([...bob.subscribedTracks.keys()]).toEqual([aliceMic.sid]);
    expect(bob.subscribedTracks.has(aliceCam.sid)).toBe(false);
  });

  it('refuses malformed subscribe rules with 53215 and keeps the old ones', () => {
    const { engine, accountSid, room, bob } = roomWithTwo();
    for (const rules of [
      [],
      [{ type: 'include' }],
      [{ type: 'include', all: false }],
      'all',
      [{ type: 'include', all: true, kind: 'audio' }],
    ]) {
      expect(
        codeOf(() =>
          engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, rules),
        ),
      ).toBe(53215);
    }
    const tooMany = Array.from({ length: 21 }, () => ({ type: 'include', kind: 'audio' }));
    expect(
      codeOf(() =>
        engine.updateSubscribeRules({ accountSid, room: room.sid, participant: bob.sid }, tooMany),
      ),
    ).toBe(53215);
    expect(bob.subscribeRules).toEqual([{ type: 'include', all: true }]);
  });

  it('refuses subscribe rules in peer-to-peer and go rooms with 53117', () => {
    const { engine, accountSid } = engineFixture();
    for (const type of ['peer-to-peer', 'go'] as const) {
      const room = engine.createRoom({ accountSid }, { type });
      const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
      expect(
        codeOf(() =>
          engine.updateSubscribeRules({ accountSid, room: room.sid, participant: alice.sid }, [
            { type: 'include', all: true },
          ]),
        ),
      ).toBe(53117);
    }
  });

  it('replaces recording rules, refusing data-kind and priority rules with 53120', () => {
    const { engine, accountSid, room, clock, names } = roomWithTwo();
    clock.advance(1000);
    engine.updateRecordingRules({ accountSid, room: room.sid }, [{ type: 'include', publisher: 'alice' }]);
    expect(room.recordingRules).toEqual([{ type: 'include', publisher: 'alice' }]);
    expect(room.recordingRulesDateUpdated).toBe(clock.now());
    expect(names().at(-1)).toBe('recording-rules-updated');
    expect(
      codeOf(() =>
        engine.updateRecordingRules({ accountSid, room: room.sid }, [{ type: 'include', kind: 'data' }]),
      ),
    ).toBe(53120);
    expect(
      codeOf(() =>
        engine.updateRecordingRules({ accountSid, room: room.sid }, [
          { type: 'include', all: true, priority: 'high' },
        ]),
      ),
    ).toBe(53120);
    expect(room.recordingRules).toEqual([{ type: 'include', publisher: 'alice' }]);
  });

  it('takes `all` as the string "true", as twilio-video.js’s own integration suite sends it to Twilio', () => {
    const { engine, accountSid, room } = roomWithTwo();
    engine.updateRecordingRules({ accountSid, room: room.sid }, [{ type: 'include', all: 'true' }]);
    expect(room.recordingRules).toEqual([{ type: 'include', all: true }]);
    for (const all of ['false', 'yes', 1]) {
      expect(
        codeOf(() => engine.updateRecordingRules({ accountSid, room: room.sid }, [{ type: 'include', all }])),
      ).toBe(53120);
    }
    expect(room.recordingRules).toEqual([{ type: 'include', all: true }]);
  });
});
