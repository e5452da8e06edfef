import type { Clock } from '../clock.js';
import type { TwilioError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { NetworkQualityLevels } from '../network-quality/levels.js';
import type {
  CompositionFormat,
  CompositionStatus,
  ParticipantStatus,
  RecordingCodec,
  RecordingStatus,
  RoomStatus,
  TrackKind,
} from '../resources.js';
import type { SidSource } from '../sid.js';
import type { BandwidthProfileInput } from './bandwidth-profiles.js';
import type { CompositionHookOptions, ListCompositionHooksFilter } from './composition-hooks.js';
import type { DominantSpeakerSetting } from './dominant-speaker.js';
import type {
  AccountRef,
  ApiKeyRef,
  CompositionHookRef,
  CompositionRef,
  MediaSettingsRef,
  ParticipantRef,
  RecordingRef,
  RoomRef,
  TrackRef,
  TranscriptionRef,
} from './engine-refs.js';
import type { EngineState } from './engine-state.js';
import type { EngineEvent, EngineEventListener, Transcript } from './events.js';
import type { MediaSettingsUpdate } from './media-settings.js';
import type {
  AccountRecord,
  ApiKeyRecord,
  BandwidthProfileRecord,
  ClientPublisher,
  CompositionHookRecord,
  CompositionRecord,
  DetectedCodec,
  EdgeLocation,
  MediaSettingsRecord,
  NetworkConditions,
  ParticipantRecord,
  PublishedTrackRecord,
  RecordingRecord,
  RoomCreatedMethod,
  RoomRecord,
  TrackPriority,
  TranscriptionRecord,
} from './records.js';
import type { RoomRetention } from './retention.js';
import type { CreateRoomOptions } from './room-options.js';
import type { TrackRule } from './rules.js';
import type { Savepoint } from './savepoint.js';
import type { TrackSwitch } from './track-switches.js';
import type { TranscriptionUpdate } from './transcriptions.js';
import type { SpokenText } from './transcripts.js';

/**
 * The engine's interface: the one state machine of roomlab (accounts, rooms, participants, tracks and
 * rules) and its event log. Every change goes through these methods and is appended, in order, to the
 * log that webhooks, signaling and tests read. Reads never change state: time-driven changes (room and
 * participant timeouts) happen only in `tick`, which the clock's advance and the emulator's real-time
 * scheduler call.
 *
 * Rooms, participants and tracks are addressed by references (`RoomRef`, `ParticipantRef`,
 * `TrackRef`, in engine-refs.ts): objects, so IDs cannot be swapped unnoticed.
 */

export interface EngineOptions {
  clock?: Clock;
  sids?: SidSource;
  /**
   * Whether an unknown account SID presented with any auth token becomes an account on first use
   * (zero-config). When false, only accounts created through the engine exist.
   */
  provisionAccountsOnFirstUse?: boolean;
  /** How many events the log keeps, newest last (default 10,000); older ones are dropped. */
  eventLogCapacity?: number;
  /** Where a failing event listener is reported (default: the console). */
  logger?: Logger;
  /**
   * How many ended rooms each account keeps (default 10,000); older ones are dropped (a roomlab
   * extension: see retention.ts).
   */
  retention?: RoomRetention;
}

export const defaultEventLogCapacity = 10_000;

export interface ApiKeySeed {
  sid?: string;
  secret?: string;
  friendlyName?: string;
}

export interface AccountSeed {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
  apiKeys?: ApiKeySeed[];
}

export interface ListRoomsFilter {
  status?: RoomStatus;
  uniqueName?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

export interface ListParticipantsFilter {
  status?: ParticipantStatus;
  identity?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

export interface ConnectParticipantOptions {
  identity: string;
  /** Create the room with these options when no in-progress room of that name exists (ad-hoc rooms). */
  createRoom?: CreateRoomOptions | false;
  /**
   * The subscribe rules its client asks for when it connects (the SDK's `automaticSubscription`), by
   * default include all. Peer-to-peer and go rooms have no rules: everyone receives everything.
   */
  subscribeRules?: readonly TrackRule[];
  /** What its client said of itself in its `connect` (kept for Video Insights). */
  publisher?: ClientPublisher;
  /** The edge its client connected through (kept for Video Insights). */
  edgeLocation?: EdgeLocation;
}

export interface PublishTrackOptions {
  kind: TrackKind;
  name?: string;
  enabled?: boolean;
  /** Its publish priority, by default `standard` (53300 for anything but low, standard or high). */
  priority?: TrackPriority;
}

/** Twilio's recording list filters; `roomSid` narrows to one room's (`/Rooms/{RoomSid}/Recordings`). */
export interface ListRecordingsFilter {
  roomSid?: string;
  status?: RecordingStatus;
  sourceSid?: string;
  /** Each must be the recording's room or participant SID. */
  groupingSids?: readonly string[];
  mediaType?: 'audio' | 'video' | 'data';
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

/** What the media side wrote for a recording: its file's size and length, and the codec it holds. */
export interface RecordedMedia {
  sizeBytes: number;
  durationMs: number;
  codec: RecordingCodec;
}

/**
 * A composition's parameters (Twilio's CreateComposition), already checked by the caller: the engine
 * keeps the layout as given and checks only what it knows, the room and its recordings.
 */
export interface CreateCompositionOptions {
  roomSid: string;
  videoLayout?: Record<string, unknown>;
  audioSources?: readonly string[];
  audioSourcesExcluded?: readonly string[];
  /** `WIDTHxHEIGHT`, default 640x480. */
  resolution?: string;
  format?: CompositionFormat;
  trim?: boolean;
  statusCallback?: string;
  statusCallbackMethod?: string;
  /** The composition hook that makes it, if one does. */
  hook?: { sid: string; friendlyName: string };
}

export interface ListCompositionsFilter {
  status?: CompositionStatus;
  roomSid?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

/** What the media side wrote for a composition. */
export interface ComposedMedia {
  sizeBytes: number;
  durationMs: number;
  bitrateKbps: number;
}

/** A participant's subscribe rules, as `/SubscribeRules` shows them. */
export interface ParticipantSubscribeRules {
  readonly participantSid: string;
  readonly roomSid: string;
  readonly rules: readonly TrackRule[];
  /** When the rules were first set (as Twilio: the participant's creation); null while they are the default. */
  readonly dateCreated: number | null;
  /** When the rules were last set; null while they are the default. */
  readonly dateUpdated: number | null;
}

export interface Engine {
  readonly clock: Clock;

  // Accounts and API keys.
  addAccount(seed?: AccountSeed): AccountRecord;
  getAccount(accountSid: string): AccountRecord | undefined;
  accounts(): AccountRecord[];
  createApiKey(account: AccountRef, seed?: ApiKeySeed): ApiKeyRecord;
  getApiKey(key: ApiKeyRef): ApiKeyRecord;
  updateApiKey(key: ApiKeyRef, update: { friendlyName?: string }): ApiKeyRecord;
  deleteApiKey(key: ApiKeyRef): void;
  /** An API key's secret and owner, by SID across accounts: what token verification needs. */
  lookupApiKey(keySid: string): { secret: string; accountSid: string } | undefined;
  /**
   * HTTP Basic credentials to an account SID: an account SID and its auth token, or an API key SID
   * and its secret. Unknown account SIDs are provisioned with the token they present, when allowed.
   */
  authenticate(credentials: { username: string; password: string }): string;

  // Rooms.
  /** A new room; `createdMethod` (what Video Insights reports) is `api` unless a client's connect made it. */
  createRoom(account: AccountRef, options?: CreateRoomOptions, createdMethod?: RoomCreatedMethod): RoomRecord;
  /** A room by SID, or an in-progress room by unique name; undefined when there is none. */
  findRoom(room: RoomRef): RoomRecord | undefined;
  /** As `findRoom`, but a missing room is Twilio's 20404. */
  getRoom(room: RoomRef): RoomRecord;
  /** In-progress rooms unless `status` says otherwise, newest first, as Twilio lists them. */
  listRooms(account: AccountRef, filter?: ListRoomsFilter): RoomRecord[];
  /** REST `Status=completed`: ends the room and disconnects everyone in it. */
  completeRoom(room: RoomRef): RoomRecord;

  // Participants.
  /**
   * A participant joins a room (what an SDK's connect or a scripted participant does). Joining with
   * an identity already in the room disconnects the older participant with 53205, as Twilio does.
   */
  connectParticipant(room: RoomRef, options: ConnectParticipantOptions): ParticipantRecord;
  getParticipant(participant: ParticipantRef): ParticipantRecord;
  listParticipants(room: RoomRef, filter?: ListParticipantsFilter): ParticipantRecord[];
  /** A participant leaves: by its own wish (no reason) or because it was removed (REST, timeouts). */
  disconnectParticipant(participant: ParticipantRef, reason?: TwilioError): ParticipantRecord;
  /** Replaces a disconnected participant's identity with its SID, as Twilio's Anonymize does. */
  anonymizeParticipant(participant: ParticipantRef): ParticipantRecord;

  // Tracks of a connected participant.
  publishTrack(participant: ParticipantRef, track: PublishTrackOptions): PublishedTrackRecord;
  unpublishTrack(track: TrackRef): void;
  setTrackEnabled(track: TrackRef, enabled: boolean): PublishedTrackRecord;
  /** Changes a published track's priority (the SDK's `setPriority`); 53300 for an unknown priority. */
  setTrackPriority(track: TrackRef, priority: TrackPriority): PublishedTrackRecord;

  // Rules.
  getSubscribeRules(participant: ParticipantRef): ParticipantSubscribeRules;
  /** Replaces a connected participant's subscribe rules (unchecked JSON in; 53215 when invalid). */
  updateSubscribeRules(participant: ParticipantRef, rules: unknown): ParticipantSubscribeRules;
  /**
   * Replaces an in-progress room's recording rules (unchecked JSON in; 53120 when invalid, 53122 in
   * rooms that cannot record); tracks start or stop being recorded at once.
   */
  updateRecordingRules(room: RoomRef, rules: unknown): RoomRecord;

  // Recordings: one per recorded track and capture; the media side writes the files.
  /** Whether any of the room's tracks is being recorded now (the SDK's `room.isRecording`). */
  isRecording(room: RoomRef): boolean;
  getRecording(recording: RecordingRef): RecordingRecord;
  /** The account's recordings that pass the filter, oldest first. */
  listRecordings(account: AccountRef, filter?: ListRecordingsFilter): RecordingRecord[];
  /** The media side finished a recording's file, or failed to: `completed` or `failed`. */
  finishRecording(
    recording: RecordingRef,
    outcome: { media: RecordedMedia } | { failure: TwilioError },
  ): RecordingRecord;
  /** Deletes a finished recording's media; the resource stays, `deleted`. */
  deleteRecording(recording: RecordingRef): RecordingRecord;

  // Compositions: the engine keeps their state; the media side renders them and reports back.
  /** Enqueues a composition of a completed room's recordings. */
  createComposition(account: AccountRef, options: CreateCompositionOptions): CompositionRecord;
  getComposition(composition: CompositionRef): CompositionRecord;
  listCompositions(account: AccountRef, filter?: ListCompositionsFilter): CompositionRecord[];
  /** The recordings a composition of this room may draw on (all but failed ones). */
  compositionSources(room: RoomRef): RecordingRecord[];
  startComposition(composition: CompositionRef): CompositionRecord;
  reportCompositionProgress(
    composition: CompositionRef,
    progress: { percent: number; secondsRemaining: number },
  ): CompositionRecord;
  finishComposition(
    composition: CompositionRef,
    outcome: { media: ComposedMedia } | { failure: TwilioError },
  ): CompositionRecord;
  /** Cancels a composition still waiting or rendering, or deletes a finished one's media. */
  deleteComposition(composition: CompositionRef): CompositionRecord;
  // Recording and composition settings, per account.
  /** RecordingSettings or CompositionSettings: Twilio's defaults until something is posted. */
  getMediaSettings(settings: MediaSettingsRef): MediaSettingsRecord;
  /** A POST of the settings: the fields it gives replace those set; 20001 for an invalid one. */
  updateMediaSettings(settings: MediaSettingsRef, update: MediaSettingsUpdate): MediaSettingsRecord;

  // Composition hooks, per account.
  createCompositionHook(account: AccountRef, options: CompositionHookOptions): CompositionHookRecord;
  getCompositionHook(hook: CompositionHookRef): CompositionHookRecord;
  /** Replaces every field, as Twilio does: what the update leaves out goes back to its default. */
  updateCompositionHook(hook: CompositionHookRef, options: CompositionHookOptions): CompositionHookRecord;
  deleteCompositionHook(hook: CompositionHookRef): void;
  /** Newest first; `{ enabled: true }` gives the hooks a completed room sets off. */
  listCompositionHooks(account: AccountRef, filter?: ListCompositionHooksFilter): CompositionHookRecord[];

  // Transcriptions of an in-progress group room, and what they transcribe.
  createTranscription(room: RoomRef, options?: { configuration?: unknown }): TranscriptionRecord;
  getTranscription(transcription: TranscriptionRef): TranscriptionRecord;
  listTranscriptions(room: RoomRef): TranscriptionRecord[];
  /** Starts or stops it, or changes its configuration (applied over the current one). */
  updateTranscription(transcription: TranscriptionRef, update: TranscriptionUpdate): TranscriptionRecord;
  /** What a connected participant said, as the room's started transcription delivers it to clients. */
  transcribe(participant: ParticipantRef, spoken: SpokenText): Transcript;

  /** Forces a connected participant's network quality level (1–5; null stops forcing it): roomlab's. */
  setNetworkQualityLevel(participant: ParticipantRef, level: number | null): ParticipantRecord;
  /** Keeps the levels computed from a connected participant's latest network quality report. */
  reportNetworkQuality(participant: ParticipantRef, levels: NetworkQualityLevels): ParticipantRecord;
  /**
   * Impairs a connected participant's network path (see network-conditions.ts for the ranges), or
   * clears it with null: roomlab's. 20001 naming the field for a bad one, and nothing changes.
   */
  setNetworkConditions(participant: ParticipantRef, conditions: NetworkConditions | null): ParticipantRecord;

  /**
   * Who an in-progress group room's dominant speaker is: as the media server hears it, or as a test
   * forces it until it lets go (roomlab's); `dominant-speaker-changed` when the one in effect changes.
   */
  setDominantSpeaker(room: RoomRef, setting: DominantSpeakerSetting): RoomRecord;

  // Bandwidth profiles and switch-off (roomlab extensions).
  /** Stores a named bandwidth profile; it becomes the account's default. 20001 names a bad field. */
  storeBandwidthProfile(account: AccountRef, input: BandwidthProfileInput): BandwidthProfileRecord;
  /** The account's default bandwidth profile (the last stored), if any. */
  defaultBandwidthProfile(account: AccountRef): BandwidthProfileRecord | undefined;
  /** Logs that the media server switched a track off or on for a subscriber, and why. */
  recordTrackSwitch(subscriber: ParticipantRef, change: TrackSwitch): void;
  /** The media server saw a participant's media arrive in `codec` (kept once, for Video Insights). */
  reportCodec(participant: ParticipantRef, codec: DetectedCodec): ParticipantRecord;

  // Time.
  /** Fires every timeout that is due on the clock: unused and empty rooms, over-long participants. */
  tick(): void;
  /** When the next timeout may fire, so a real-time scheduler knows when to call `tick`. */
  nextDeadline(): number | undefined;

  // State.
  /** The whole state (or one account's) as plain JSON, to save and restore later. */
  snapshot(accountSid?: string): EngineState;
  /**
   * Replaces the state with a snapshot's (or, with `accountSid`, only that account's). The snapshot is
   * read in full before anything changes, so a malformed one is refused with 20001 and changes nothing.
   */
  restore(state: EngineState, accountSid?: string): void;
  /** Forgets an account's rooms (and its events), keeping the account and its keys. */
  clearRooms(accountSid: string): void;
  /**
   * Remembers what exists now, so that whatever is added later (accounts, API keys, rooms, recordings,
   * compositions, events) can be taken back: what a seed that fails half-way uses to change nothing.
   */
  savepoint(): Savepoint;
  /** How many ended rooms each account keeps (a roomlab extension). */
  retention(): RoomRetention;
  /** Changes it (20001 for a bad one), dropping at once what it no longer keeps. */
  setRetention(retention: RoomRetention): void;

  // The event log.
  /** Events still in the log, oldest first; `after` gives only those with a greater sequence. */
  events(after?: number): readonly EngineEvent[];
  /** Calls `listener` with every event from now on; returns the function that stops it. */
  subscribe(listener: EngineEventListener): () => void;
  /** Stops following the clock and drops every listener. */
  dispose(): void;
}
