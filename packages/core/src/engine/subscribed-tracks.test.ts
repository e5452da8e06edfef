import { describe, expect, it } from 'vitest';
import { engineFixture } from '../test-support/engine-fixture.js';
import { createEngine } from './engine.js';
import { subscribedTracksOf } from './subscribed-tracks.js';

/** Alice publishes a camera 90 s after Bob joined; Bob subscribes to it then. */
function bobSubscribedLater() {
  const fixture = engineFixture();
  const { engine, accountSid, clock } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'standup' });
  const alice = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
  const bob = engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'bob' });
  clock.advance(90_000);
  const camera = engine.publishTrack(
    { accountSid, room: room.sid, participant: alice.sid },
    { kind: 'video', name: 'camera' },
  );
  return { ...fixture, room, alice, bob, camera };
}

describe("a participant's subscribed tracks", () => {
  it("are Twilio's SubscribedTrack: the track, its publisher, the subscriber, and when it subscribed", () => {
    const { engine, accountSid, room, alice, bob, camera, clock } = bobSubscribedLater();
    expect(subscribedTracksOf(engine.getRoom({ accountSid, room: room.sid }), bob)).toEqual([
      {
        subscription: {
          trackSid: camera.sid,
          publisherSid: alice.sid,
          subscriberSid: bob.sid,
          dateCreated: clock.now(),
          dateUpdated: clock.now(),
        },
        track: camera,
      },
    ]);
  });

  it('keep when they subscribed through a snapshot and a restore', () => {
    const { engine, accountSid, room, bob, clock } = bobSubscribedLater();
    const subscribedAt = clock.now();
    clock.advance(5_000);
    const copy = createEngine({ clock });
    copy.restore(JSON.parse(JSON.stringify(engine.snapshot())));
    const restored = copy.getRoom({ accountSid, room: room.sid });
    const [only] = subscribedTracksOf(
      restored,
      copy.getParticipant({ accountSid, room: room.sid, participant: bob.sid }),
    );
    expect(only?.subscription.dateCreated).toBe(subscribedAt);
  });

  it('end when the track is unpublished', () => {
    const { engine, accountSid, room, alice, bob, camera } = bobSubscribedLater();
    engine.unpublishTrack({ accountSid, room: room.sid, participant: alice.sid, track: camera.sid });
    expect(subscribedTracksOf(engine.getRoom({ accountSid, room: room.sid }), bob)).toEqual([]);
  });
});
