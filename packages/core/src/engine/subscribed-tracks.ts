import type {
  ParticipantRecord,
  PublishedTrackRecord,
  RoomRecord,
  SubscribedTrackRecord,
} from './records.js';

/**
 * A participant's subscriptions as Twilio's TrackSubscription resources see them. The engine keeps only
 * each subscription's track SID and time (a room of five, each publishing two tracks, has forty
 * subscriptions; ten thousand such rooms, four hundred thousand): the rest is the published track's.
 */
export interface TrackSubscription {
  subscription: SubscribedTrackRecord;
  track: PublishedTrackRecord;
}

/** The subscriber's subscriptions to tracks its room still has, oldest first. */
export function subscribedTracksOf(
  room: Pick<RoomRecord, 'participants'>,
  subscriber: ParticipantRecord,
): TrackSubscription[] {
  const tracks = publishedTracksOf(room);
  return [...subscriber.subscribedTracks].flatMap(([trackSid, afterStart]) => {
    const track = tracks.get(trackSid);
    if (!track) return [];
    const subscribedAt = subscriber.startTime + afterStart;
    const subscription = {
      trackSid,
      publisherSid: track.participantSid,
      subscriberSid: subscriber.sid,
      dateCreated: subscribedAt,
      dateUpdated: subscribedAt,
    };
    return [{ subscription, track }];
  });
}

/** Every track published in the room, by SID. */
function publishedTracksOf(room: Pick<RoomRecord, 'participants'>): Map<string, PublishedTrackRecord> {
  const tracks = new Map<string, PublishedTrackRecord>();
  for (const participant of room.participants.values())
    for (const track of participant.publishedTracks.values()) tracks.set(track.sid, track);
  return tracks;
}
