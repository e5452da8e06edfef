import type { EngineContext } from './engine-context.js';
import type { EventDetails } from './event-log.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { connectedParticipants } from './lookup.js';
import type { ParticipantRecord, PublishedTrackRecord, RoomRecord } from './records.js';
import { rulesSelect } from './rules.js';

/** Who receives which track: each subscriber's subscriptions follow its subscribe rules. */

/** Why a change happened, when it follows from another: a participant's departure. */
export type Cause = Pick<EventDetails, 'departure'>;

/**
 * Makes one subscriber's subscription to one track match its rules, emitting what changed. `now` is
 * the moment of the change that set it off, one for all it sets off.
 */
function reconcileSubscription(
  context: EngineContext,
  room: RoomRecord,
  subscriber: ParticipantRecord,
  publisher: ParticipantRecord,
  track: PublishedTrackRecord,
  now: number,
): void {
  const wanted = rulesSelect(subscriber.subscribeRules, {
    publisherSid: publisher.sid,
    publisherIdentity: publisher.identity,
    trackSid: track.sid,
    trackName: track.name,
    kind: track.kind,
  });
  const has = subscriber.subscribedTracks.has(track.sid);
  if (wanted && !has) {
    subscriber.subscribedTracks.set(track.sid, now - subscriber.startTime);
    emitSubscription(context, 'track-subscribed', room, subscriber, track);
  } else if (!wanted && has) {
    subscriber.subscribedTracks.delete(track.sid);
    emitSubscription(context, 'track-unsubscribed', room, subscriber, track);
  }
}

/** A subscriber's view of everything the others publish, after it joins or its rules change. */
export function reconcileSubscriber(
  context: EngineContext,
  room: RoomRecord,
  subscriber: ParticipantRecord,
): void {
  const now = context.clock.now();
  for (const publisher of connectedParticipants(room)) {
    if (publisher === subscriber) continue;
    for (const track of publisher.publishedTracks.values())
      reconcileSubscription(context, room, subscriber, publisher, track, now);
  }
}

/** Everyone else's view of a track just published. */
export function reconcileTrack(
  context: EngineContext,
  room: RoomRecord,
  publisher: ParticipantRecord,
  track: PublishedTrackRecord,
): void {
  const now = context.clock.now();
  for (const subscriber of connectedParticipants(room)) {
    if (subscriber !== publisher) reconcileSubscription(context, room, subscriber, publisher, track, now);
  }
}

/** Ends one subscription, if there is one. */
export function unsubscribe(
  context: EngineContext,
  room: RoomRecord,
  subscriber: ParticipantRecord,
  track: PublishedTrackRecord,
  cause: Cause = {},
): void {
  if (subscriber.subscribedTracks.delete(track.sid))
    emitSubscription(context, 'track-unsubscribed', room, subscriber, track, cause);
}

function emitSubscription(
  context: EngineContext,
  name: 'track-subscribed' | 'track-unsubscribed',
  room: RoomRecord,
  subscriber: ParticipantRecord,
  track: PublishedTrackRecord,
  cause: Cause = {},
): void {
  context.log.emit(name, room, {
    participant: participantSnapshot(subscriber),
    track: trackSnapshot(track),
    ...cause,
  });
}
