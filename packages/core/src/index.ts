export {
  type DeviceStore,
  type Devices,
  deviceStore,
  type MediaDevicesLike,
  noDevices,
} from './client-stores/device-store.js';
export { eventStore, refreshSource, sameItems, type ValueStore } from './client-stores/event-store.js';
export {
  type AudioLevelStore,
  type AudioMeter,
  audioLevelStore,
  levelOfSamples,
} from './client-stores/level-store.js';
export { type DataTrackMessage, type MessageStore, messageStore } from './client-stores/message-store.js';
export {
  type EventSource,
  type ParticipantLike,
  type RoomConnectionState,
  type RoomLike,
  type RoomStore,
  type RoomStoreSnapshot,
  roomStore,
  type TwilioErrorLike,
} from './client-stores/room-store.js';
export {
  adjustableClock,
  type Clock,
  durationSeconds,
  type ManualClock,
  manualClock,
  rfc2822Date,
  systemClock,
  twilioDate,
} from './clock.js';
export type { BandwidthProfileInput } from './engine/bandwidth-profiles.js';
export {
  type CompositionHookOptions,
  compositionHookLimits,
  type ListCompositionHooksFilter,
} from './engine/composition-hooks.js';
export {
  type DominantSpeakerSetting,
  type DominantSpeakerSource,
  dominantSpeakerOf,
  dominantSpeakerRoomTypes,
  hasDominantSpeaker,
} from './engine/dominant-speaker.js';
export { createEngine } from './engine/engine.js';
export {
  type AccountSeed,
  type ApiKeySeed,
  type ComposedMedia,
  type ConnectParticipantOptions,
  type CreateCompositionOptions,
  defaultEventLogCapacity,
  type Engine,
  type EngineOptions,
  type ListCompositionsFilter,
  type ListParticipantsFilter,
  type ListRecordingsFilter,
  type ListRoomsFilter,
  type ParticipantSubscribeRules,
  type PublishTrackOptions,
  type RecordedMedia,
} from './engine/engine-api.js';
export type * from './engine/engine-refs.js';
export type { AccountState, EngineState, ParticipantState, RoomState } from './engine/engine-state.js';
export * from './engine/events.js';
export { defaultMediaSettings, type MediaSettingsUpdate } from './engine/media-settings.js';
export { checkNetworkConditions, networkConditionLimits } from './engine/network-conditions.js';
export { networkQualityOf } from './engine/network-quality.js';
export type * from './engine/records.js';
export { participantRefOf, roomRefOf } from './engine/refs.js';
export { checkRetention, defaultRoomRetention, type RoomRetention } from './engine/retention.js';
export { type CreateRoomOptions, resolveRoomSettings } from './engine/room-options.js';
export * from './engine/room-type.js';
export { parseRules, type RuleSet, rulesSelect, type TrackRule } from './engine/rules.js';
export type { Savepoint } from './engine/savepoint.js';
export { subscribedTracksOf, type TrackSubscription } from './engine/subscribed-tracks.js';
export { trackPriorities } from './engine/track-priority.js';
export type { TrackSwitch } from './engine/track-switches.js';
export { type TranscriptionActivity, transcriptionActivity } from './engine/transcription-activity.js';
export {
  speechModels,
  type TranscriptionConfiguration,
  transcriptionDefaults,
} from './engine/transcription-configuration.js';
export type { TranscriptionUpdate } from './engine/transcriptions.js';
export { type SpokenText, transcriptLimits } from './engine/transcripts.js';
export {
  isTwilioError,
  TwilioError,
  type TwilioErrorCode,
  type TwilioErrorInfo,
  twilioErrorCatalog,
} from './errors.js';
export { edgeLocationOf } from './insights/edge-location.js';
export {
  type ParticipantSummaryFields,
  participantSummary,
  publisherInfo,
} from './insights/participant-summary.js';
export { processingState, summaryProcessingMs, summaryTimeoutMs } from './insights/processing-state.js';
export { type RoomSummaryFields, type RoomSummaryInput, roomSummary } from './insights/room-summary.js';
export { consoleLogger, type LogEntry, type Logger, type LogLevel, memoryLogger } from './log/logger.js';
export { type RingBuffer, ringBuffer } from './log/ring-buffer.js';
export * from './network-quality/index.js';
export type * from './resources.js';
export {
  isSid,
  randomSidSource,
  type SidPrefix,
  type SidSource,
  seededSidSource,
  sidPrefixes,
} from './sid.js';
export {
  accessTokenMaxTtlSeconds,
  type MintAccessTokenOptions,
  mintAccessToken,
  type VerifiedAccessToken,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './tokens/access-token.js';
export { signedPayload, twilioSignature, type WebhookParams } from './webhooks/signature.js';
export {
  type StatusCallbackRequest,
  statusCallbackOf,
  statusCallbackParams,
} from './webhooks/status-callback.js';
