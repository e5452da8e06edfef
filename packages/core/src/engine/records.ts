import type { NetworkQualityLevels } from '../network-quality/levels.js';
import type {
  CompositionFormat,
  CompositionHookFormat,
  CompositionStatus,
  ParticipantStatus,
  RecordingCodec,
  RecordingContainerFormat,
  RecordingStatus,
  RoomStatus,
  RoomType,
  StatusCallbackMethod,
  TrackKind,
  TranscriptionStatus,
  VideoCodec,
} from '../resources.js';
import type { TrackRule } from './rules.js';

/**
 * The engine's state: plain data, owned and changed only by the engine. Times are milliseconds since
 * the epoch; REST serializers turn these into Twilio's resources.
 */

export interface ApiKeyRecord {
  sid: string;
  accountSid: string;
  secret: string;
  friendlyName: string | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface AccountRecord {
  sid: string;
  authToken: string;
  friendlyName: string;
  dateCreated: number;
  apiKeys: Map<string, ApiKeyRecord>;
  rooms: Map<string, RoomRecord>;
  /** In-progress rooms by unique name: a name is unique among these only. */
  inProgressRoomsByName: Map<string, RoomRecord>;
  /** Every track recording of the account's rooms, oldest first. */
  recordings: Map<string, RecordingRecord>;
  /** Every composition, oldest first. */
  compositions: Map<string, CompositionRecord>;
  /** The account's RecordingSettings and CompositionSettings (`/v1/{Kind}Settings/Default`). */
  mediaSettings: Record<MediaSettingsKind, MediaSettingsRecord>;
  compositionHooks: Map<string, CompositionHookRecord>;
  /** Named bandwidth profiles (a roomlab extension), by name; the last is the default. */
  bandwidthProfiles: Map<string, BandwidthProfileRecord>;
}

/** A named bandwidth profile stored through `POST /v1/Video/Profiles` (a roomlab extension). */
export interface BandwidthProfileRecord {
  accountSid: string;
  name: string;
  /** Bits per second: what each subscriber's video may use in all. */
  maxSubscriptionBitrate: number;
  dateCreated: number;
  dateUpdated: number;
}

/**
 * Why the media server switched a track off for a subscriber (or `allocated`: switched on again by
 * the same allocation that decides the rest).
 */
export type TrackSwitchReason = 'manual' | 'bitrate-cap' | 'max-tracks' | 'impaired-path' | 'allocated';

/**
 * How a room came to be, in Video Insights' words: by REST (`api`), by a connect to a name no room had
 * (`ad_hoc`), or by a connect that named no room at all (`sdk`).
 */
export type RoomCreatedMethod = 'api' | 'ad_hoc' | 'sdk';

/** A codec Video Insights detects from a participant's media (its `codecs`). */
export type DetectedCodec = 'VP8' | 'H264' | 'VP9' | 'opus';

/** Twilio's edge locations (where a client's signaling and media enter Twilio); `roaming` picks the nearest. */
export type EdgeLocation =
  | 'ashburn'
  | 'dublin'
  | 'frankfurt'
  | 'singapore'
  | 'sydney'
  | 'sao_paulo'
  | 'roaming'
  | 'umatilla'
  | 'tokyo';

/** What a client SDK says of itself in its `connect` (the signaling message's `publisher`). */
export interface ClientPublisher {
  /** The SDK's name, e.g. `twilio-video.js`. */
  name: string;
  sdkVersion: string;
  /** The browser's (or runtime's) user agent string. */
  userAgent: string;
}

/** Why a room ended, in Video Insights' words. */
export type RoomEndReason = 'room_ended_via_api' | 'timeout';

export interface RoomRecord {
  sid: string;
  accountSid: string;
  uniqueName: string;
  status: RoomStatus;
  type: RoomType;
  dateCreated: number;
  dateUpdated: number;
  endTime: number | null;
  statusCallback: string | null;
  statusCallbackMethod: StatusCallbackMethod;
  maxParticipants: number;
  maxParticipantDuration: number;
  maxConcurrentPublishedTracks: number;
  recordParticipantsOnConnect: boolean;
  videoCodecs: VideoCodec[];
  mediaRegion: string;
  audioOnly: boolean;
  emptyRoomTimeout: number;
  unusedRoomTimeout: number;
  largeRoom: boolean;
  recordingRules: TrackRule[];
  recordingRulesDateUpdated: number;
  /** Every participant that ever joined, in join order. */
  participants: Map<string, ParticipantRecord>;
  /** When the last participant left (null while someone is in, or before anyone came). */
  emptySince: number | null;
  /** Per-room SequenceNumber of the next status callback event. */
  nextSequenceNumber: number;
  /** Whether its composition hooks have started their compositions (once it ended, its recordings done). */
  compositionHooksRun?: boolean;
  /** Its Transcriptions resources by TTID (Twilio keeps one per room). */
  transcriptions: Map<string, TranscriptionRecord>;
  /**
   * Its dominant speaker (PA SIDs): who the media server hears, and who a test forced (which wins);
   * absent until either names one. Group rooms only (see dominant-speaker.ts).
   */
  dominantSpeaker?: { detected: string | null; forced: string | null };
  /** How it was created; absent in snapshots taken before roomlab kept it. */
  createdMethod?: RoomCreatedMethod;
  /** Why it ended; absent while in progress (and in snapshots taken before roomlab kept it). */
  endReason?: RoomEndReason;
}

export interface ParticipantRecord {
  sid: string;
  roomSid: string;
  accountSid: string;
  identity: string;
  status: ParticipantStatus;
  dateCreated: number;
  dateUpdated: number;
  startTime: number;
  endTime: number | null;
  anonymized: boolean;
  publishedTracks: Map<string, PublishedTrackRecord>;
  /**
   * Tracks of other participants this one receives: the published track's SID, and when it subscribed,
   * in ms after its `startTime` (a small integer V8 keeps in the map itself, where a time since the
   * epoch takes a box of its own). The rest of Twilio's SubscribedTrack is the track's: see
   * `subscribedTracksOf`.
   */
  subscribedTracks: Map<string, number>;
  subscribeRules: TrackRule[];
  subscribeRulesDateUpdated: number | null;
  /**
   * The network quality level (1–5) a test forced through roomlab's control API; absent or null: none
   * forced. (A roomlab extension: Twilio measures it.)
   */
  networkQualityLevel?: number | null;
  /** The levels last computed from its client's network quality reports; absent or null: none yet. */
  networkQuality?: NetworkQualityLevels | null;
  /**
   * How a test impaired this participant's media path through roomlab's control API (the SFU applies
   * it to both directions); absent or null: unimpaired. (A roomlab extension.)
   */
  networkConditions?: NetworkConditions | null;
  /**
   * The code of the Twilio error it was removed with (a duplicate identity, a timeout, the room's end);
   * null when it left by its own wish; absent while connected or in older snapshots.
   */
  leaveErrorCode?: number | null;
  /** The codecs its media arrived in, in the order the media server first saw each; absent: none yet. */
  codecs?: DetectedCodec[];
  /** What its client said of itself when it connected; absent for scripted or older participants. */
  publisher?: ClientPublisher;
  /** The edge its client connected through; absent when unknown. */
  edgeLocation?: EdgeLocation;
}

/** Impairment of a participant's network path, in the control API's words; each field is optional. */
export interface NetworkConditions {
  /** Chance that a datagram is lost, in each direction: 0 to 100. */
  packetLossPercent?: number;
  /** Delay added to each datagram, in each direction: 0 to 10000 ms. */
  latencyMs?: number;
  /** Up to this much more or less delay, at random per datagram: 0 to 10000 ms (never below 0 in all). */
  jitterMs?: number;
  /** The path's rate in each direction, 8 kbps or more; what does not fit in its queue is dropped. */
  bandwidthKbps?: number;
}

/** How much a publisher wants its track kept when bandwidth runs short (the SDK's `Track.Priority`). */
export type TrackPriority = 'low' | 'standard' | 'high';

export interface PublishedTrackRecord {
  sid: string;
  participantSid: string;
  roomSid: string;
  name: string;
  kind: TrackKind;
  enabled: boolean;
  /** The publish priority its subscribers see; `standard` unless the publisher chose another. */
  priority: TrackPriority;
  dateCreated: number;
  dateUpdated: number;
}

/** A subscription as Twilio's SubscribedTrack resource and engine snapshots show it (see `subscribedTracksOf`). */
export interface SubscribedTrackRecord {
  /** The MT SID of the published track. */
  trackSid: string;
  publisherSid: string;
  subscriberSid: string;
  dateCreated: number;
  dateUpdated: number;
}

/**
 * One track's recording (Twilio's Recording, `RT`): single-track, single-media. It is `processing`
 * while the track is captured and until its file is finished, then `completed` (or `failed`);
 * `deleted` once its media is gone (the metadata stays).
 */
export interface RecordingRecord {
  sid: string;
  accountSid: string;
  roomSid: string;
  participantSid: string;
  participantIdentity: string;
  /** The recorded track (Twilio's `source_sid`). */
  trackSid: string;
  trackName: string;
  kind: 'audio' | 'video';
  status: RecordingStatus;
  codec: RecordingCodec;
  containerFormat: RecordingContainerFormat;
  dateCreated: number;
  dateUpdated: number;
  /** When capture stopped (unpublished, excluded by the rules, the room ended); null while capturing. */
  captureEndedAt: number | null;
  /** Whole seconds of media, at least 1; null until the file is finished. */
  duration: number | null;
  /** The file's bytes; null until it is finished. */
  size: number | null;
  /**
   * The file's exact length in ms, once finished. Media starts a little after capture does (the
   * publisher's connection, its first keyframe) and runs to the capture's end, so a composition places
   * the file to end where the capture ended.
   */
  mediaDurationMs?: number | null;
  /**
   * Twilio's `offset`: milliseconds from a point common to all rooms (roomlab takes the Unix epoch) to
   * the start of the room the track belongs to.
   */
  offset: number;
  statusCallback: string | null;
  statusCallbackMethod: StatusCallbackMethod;
  /** Why the recording failed, when it did. */
  failure: { code: number; message: string } | null;
}

/**
 * A composition (Twilio's `CJ`): a finished room's recordings made into one file. `enqueued` until the
 * media side starts it, `processing` with a progress, then `completed` (or `failed`); `deleted` once
 * cancelled or its media removed.
 */
export interface CompositionRecord {
  sid: string;
  accountSid: string;
  roomSid: string;
  status: CompositionStatus;
  dateCreated: number;
  dateCompleted: number | null;
  dateDeleted: number | null;
  /** Twilio's VideoLayout JSON as given (checked before it reaches the engine); {} for audio only. */
  videoLayout: Record<string, unknown>;
  audioSources: string[];
  audioSourcesExcluded: string[];
  /** `WIDTHxHEIGHT`. */
  resolution: string;
  trim: boolean;
  format: CompositionFormat;
  /** Percent done while processing. */
  progress: number;
  /** Whole seconds, bytes and kbit/s of the file, once completed. */
  duration: number | null;
  size: number | null;
  bitrate: number | null;
  statusCallback: string | null;
  statusCallbackMethod: StatusCallbackMethod;
  /** The composition hook that made it, if one did. */
  hook: { sid: string; friendlyName: string } | null;
  failure: { code: number; message: string } | null;
}

/** The two per-account settings resources of one shape: RecordingSettings and CompositionSettings. */
export type MediaSettingsKind = 'recording' | 'composition';

/** Where and how an account's recordings (or compositions) are stored, as its settings say. */
export interface MediaSettingsRecord {
  friendlyName: string | null;
  awsCredentialsSid: string | null;
  awsS3Url: string | null;
  awsStorageEnabled: boolean;
  encryptionKeySid: string | null;
  encryptionEnabled: boolean;
}

/** A template for the compositions made when a room of the account completes. */
export interface CompositionHookRecord {
  sid: string;
  accountSid: string;
  friendlyName: string;
  enabled: boolean;
  dateCreated: number;
  /** Null until the hook is first updated, as Twilio answers. */
  dateUpdated: number | null;
  audioSources: string[];
  audioSourcesExcluded: string[];
  /** Twilio's VideoLayout JSON object, as given (`{}` for none). */
  videoLayout: Record<string, unknown>;
  resolution: string;
  format: CompositionHookFormat;
  trim: boolean;
  statusCallback: string | null;
  statusCallbackMethod: StatusCallbackMethod;
}

/** A room's real-time transcription: started or stopped on request, stopped for good when the room ends. */
export interface TranscriptionRecord {
  /** Twilio's type ID: `video_extension_` and a UUID. */
  ttid: string;
  roomSid: string;
  accountSid: string;
  status: TranscriptionStatus;
  /** Twilio's configuration map, values as strings (Twilio echoes `"true"`, not `true`). */
  configuration: Record<string, string>;
  dateCreated: number;
  /** Null until the resource is first updated, as Twilio answers. */
  dateUpdated: number | null;
  /** Each time it was started, until it was stopped (`to` null while it runs). */
  startedSpans: { from: number; to: number | null }[];
  /** The sequence number of the last transcript of each audio track (by MT SID); they start at 1. */
  sequenceNumbers: Record<string, number>;
}
