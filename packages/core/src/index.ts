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
export type {
  AccountSeed,
  ConnectParticipantOptions,
  ListParticipantsFilter,
  ListRoomsFilter,
  PublishTrackOptions,
} from './engine/engine.js';
export { createEngine, type Engine, type EngineOptions } from './engine/engine.js';
export type { AccountState, EngineState, ParticipantState, RoomState } from './engine/engine-state.js';
export * from './engine/events.js';
export type * from './engine/records.js';
export { type CreateRoomOptions, resolveRoomSettings } from './engine/room-options.js';
export * from './engine/room-type.js';
export { parseRules, type RuleSet, rulesSelect, type TrackRule } from './engine/rules.js';
export {
  isTwilioError,
  TwilioError,
  type TwilioErrorCode,
  type TwilioErrorInfo,
  twilioErrorCatalog,
} from './errors.js';
export type * from './resources.js';
export {
  type DeviceStore,
  type Devices,
  deviceStore,
  type MediaDevicesLike,
  noDevices,
} from './room-store/device-store.js';
export { eventStore, refreshSource, sameItems, type ValueStore } from './room-store/event-store.js';
export {
  type AudioLevelStore,
  type AudioMeter,
  audioLevelStore,
  levelOfSamples,
} from './room-store/level-store.js';
export { type DataTrackMessage, type MessageStore, messageStore } from './room-store/message-store.js';
export {
  type EventSource,
  type ParticipantLike,
  type RoomConnectionState,
  type RoomLike,
  type RoomStore,
  type RoomStoreSnapshot,
  roomStore,
  type TwilioErrorLike,
} from './room-store/room-store.js';
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
export { statusCallbackParams } from './webhooks/status-callback.js';
