import type { components as ApiComponents } from './generated/api-v2010-keys.generated.js';
import type { components as InsightsComponents } from './generated/insights-v1-video.generated.js';
import type { components } from './generated/video-v1.generated.js';

/**
 * Twilio's Video resources as the spec declares them. Twilio always writes every declared field (null
 * when it has no value), so each field is required here; `links` is the spec's `uri-map`, a map of URLs.
 */
export type Resource<T> = {
  [K in keyof T]-?: K extends 'links' ? Record<string, string> | null : Exclude<T[K], undefined>;
};

export type VideoSchemas = components['schemas'];
export type InsightsSchemas = InsightsComponents['schemas'];
export type ApiSchemas = ApiComponents['schemas'];

export type Room = Resource<VideoSchemas['video.v1.room']>;
export type Participant = Resource<VideoSchemas['video.v1.room.room_participant']>;
export type ParticipantAnonymize = Resource<
  VideoSchemas['video.v1.room.room_participant.room_participant_anonymize']
>;
export type PublishedTrack = Resource<
  VideoSchemas['video.v1.room.room_participant.room_participant_published_track']
>;
export type SubscribedTrack = Resource<
  VideoSchemas['video.v1.room.room_participant.room_participant_subscribed_track']
>;
export type SubscribeRules = Resource<
  VideoSchemas['video.v1.room.room_participant.room_participant_subscribe_rule']
>;
export type RecordingRules = Resource<VideoSchemas['video.v1.room.room_recording_rule']>;
export type RoomRecording = Resource<VideoSchemas['video.v1.room.room_recording']>;
export type Recording = Resource<VideoSchemas['video.v1.recording']>;
export type Composition = Resource<VideoSchemas['video.v1.composition']>;
export type CompositionHook = Resource<VideoSchemas['video.v1.composition_hook']>;
export type CompositionSettings = Resource<VideoSchemas['video.v1.composition_settings']>;
export type RecordingSettings = Resource<VideoSchemas['video.v1.recording_settings']>;
export type Transcription = Resource<VideoSchemas['video.v1.room.room_transcriptions']>;
export type VideoRoomSummary = Resource<InsightsSchemas['insights.v1.video_room_summary']>;
export type VideoParticipantSummary = Resource<
  InsightsSchemas['insights.v1.video_room_summary.video_participant_summary']
>;

/** An API key as `GET .../Keys/{Sid}.json` answers it, and as creating one answers (with its secret). */
export type ApiKey = Resource<ApiSchemas['api.v2010.account.key']>;
export type NewApiKey = Resource<ApiSchemas['api.v2010.account.new_key']>;

// Enums, from the spec, that the engine's state uses.
export type RoomStatus = VideoSchemas['room_enum_room_status'];
export type RoomType = VideoSchemas['room_enum_room_type'];
export type VideoCodec = VideoSchemas['room_enum_video_codec'];
/** `reconnecting` is a signaling state; REST lists only `connected` and `disconnected` participants. */
export type ParticipantStatus = VideoSchemas['room_participant_enum_status'];
export type TrackKind = VideoSchemas['room_participant_published_track_enum_kind'];
export type StatusCallbackMethod = NonNullable<VideoSchemas['video.v1.room']['status_callback_method']>;
export type CompositionHookFormat = VideoSchemas['composition_hook_enum_format'];
export type RecordingStatus = VideoSchemas['recording_enum_status'];
export type RecordingCodec = VideoSchemas['recording_enum_codec'];
export type RecordingContainerFormat = VideoSchemas['recording_enum_format'];
export type CompositionStatus = VideoSchemas['composition_enum_status'];
export type CompositionFormat = VideoSchemas['composition_enum_format'];
export type TranscriptionStatus = VideoSchemas['room_transcriptions_enum_status'];
