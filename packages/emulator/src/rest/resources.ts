import {
  durationSeconds,
  type Participant,
  type ParticipantAnonymize,
  type ParticipantRecord,
  type ParticipantSubscribeRules,
  type PublishedTrack,
  type PublishedTrackRecord,
  type RecordingRules,
  type Room,
  type RoomRecord,
  type SubscribedTrack,
  type SubscribedTrackRecord,
  type SubscribeRules,
  type TrackRule,
  twilioDate,
} from '@roomlab/core';

/** The engine's records as Twilio's JSON resources, with `url` and `links` under the emulator's base URL. */

const date = (ms: number | null) => (ms === null ? null : twilioDate(ms));

export function roomPath(room: RoomRecord): string {
  return `/v1/Rooms/${room.sid}`;
}

export function participantPath(participant: ParticipantRecord): string {
  return `/v1/Rooms/${participant.roomSid}/Participants/${participant.sid}`;
}

export function roomResource(room: RoomRecord, base: string): Room {
  const url = base + roomPath(room);
  return {
    sid: room.sid,
    status: room.status,
    date_created: twilioDate(room.dateCreated),
    date_updated: twilioDate(room.dateUpdated),
    account_sid: room.accountSid,
    enable_turn: true,
    unique_name: room.uniqueName,
    status_callback: room.statusCallback,
    status_callback_method: room.statusCallbackMethod,
    end_time: date(room.endTime),
    duration: room.endTime === null ? null : durationSeconds(room.dateCreated, room.endTime),
    type: room.type,
    max_participants: room.maxParticipants,
    max_participant_duration: room.maxParticipantDuration,
    max_concurrent_published_tracks: room.maxConcurrentPublishedTracks,
    record_participants_on_connect: room.recordParticipantsOnConnect,
    video_codecs: [...room.videoCodecs],
    media_region: room.mediaRegion,
    audio_only: room.audioOnly,
    empty_room_timeout: room.emptyRoomTimeout,
    unused_room_timeout: room.unusedRoomTimeout,
    large_room: room.largeRoom,
    url,
    links: {
      participants: `${url}/Participants`,
      recordings: `${url}/Recordings`,
      transcriptions: `${url}/Transcriptions`,
      recording_rules: `${url}/RecordingRules`,
    },
  };
}

export function participantResource(participant: ParticipantRecord, base: string): Participant {
  const url = base + participantPath(participant);
  return {
    sid: participant.sid,
    room_sid: participant.roomSid,
    account_sid: participant.accountSid,
    status: participant.status,
    identity: participant.identity,
    date_created: twilioDate(participant.dateCreated),
    date_updated: twilioDate(participant.dateUpdated),
    start_time: twilioDate(participant.startTime),
    end_time: date(participant.endTime),
    duration:
      participant.endTime === null ? null : durationSeconds(participant.startTime, participant.endTime),
    url,
    links: {
      published_tracks: `${url}/PublishedTracks`,
      subscribed_tracks: `${url}/SubscribedTracks`,
      subscribe_rules: `${url}/SubscribeRules`,
      anonymize: `${url}/Anonymize`,
    },
  };
}

export function anonymizeResource(participant: ParticipantRecord, base: string): ParticipantAnonymize {
  const { links: _links, url, ...rest } = participantResource(participant, base);
  // Only a disconnected participant can be anonymized, so status is never `reconnecting` here.
  return { ...rest, status: participant.status as ParticipantAnonymize['status'], url: `${url}/Anonymize` };
}

export function publishedTrackResource(track: PublishedTrackRecord, base: string): PublishedTrack {
  return {
    sid: track.sid,
    participant_sid: track.participantSid,
    room_sid: track.roomSid,
    name: track.name,
    date_created: twilioDate(track.dateCreated),
    date_updated: twilioDate(track.dateUpdated),
    enabled: track.enabled,
    kind: track.kind,
    url: `${base}/v1/Rooms/${track.roomSid}/Participants/${track.participantSid}/PublishedTracks/${track.sid}`,
  };
}

export function subscribedTrackResource(
  subscription: SubscribedTrackRecord,
  track: PublishedTrackRecord,
  base: string,
): SubscribedTrack {
  return {
    sid: subscription.trackSid,
    participant_sid: subscription.subscriberSid,
    publisher_sid: subscription.publisherSid,
    room_sid: track.roomSid,
    name: track.name,
    date_created: twilioDate(subscription.dateCreated),
    date_updated: twilioDate(subscription.dateUpdated),
    enabled: track.enabled,
    kind: track.kind,
    url: `${base}/v1/Rooms/${track.roomSid}/Participants/${subscription.subscriberSid}/SubscribedTracks/${subscription.trackSid}`,
  };
}

/** Subscribe rules list every field of Twilio's rule, null where a rule does not use it. */
function subscribeRule(rule: TrackRule) {
  return {
    type: rule.type,
    all: rule.all ?? null,
    publisher: rule.publisher ?? null,
    track: rule.track ?? null,
    kind: rule.kind ?? null,
    priority: rule.priority ?? null,
  };
}

export function subscribeRulesResource(subscribeRules: ParticipantSubscribeRules): SubscribeRules {
  return {
    participant_sid: subscribeRules.participantSid,
    room_sid: subscribeRules.roomSid,
    // The spec types rule fields as plain strings, but Twilio (and the spec's own example) writes null
    // for the fields a rule does not use.
    rules: subscribeRules.rules.map(subscribeRule) as unknown as SubscribeRules['rules'],
    date_created: date(subscribeRules.dateCreated),
    date_updated: date(subscribeRules.dateUpdated),
  };
}

export function recordingRulesResource(room: RoomRecord): RecordingRules {
  return {
    room_sid: room.sid,
    rules: room.recordingRules.map((rule) => ({ ...rule })),
    date_created: twilioDate(room.dateCreated),
    date_updated: twilioDate(room.recordingRulesDateUpdated),
  };
}
