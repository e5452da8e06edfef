export { type ConfigFile, configFileSchema, readConfigFile } from './config-file.js';
export type { DominantSpeakerRoom, DominantSpeakerState, SpeakerChoice } from './control/dominant-speaker.js';
export type { NetworkSettings, NetworkState } from './control/network.js';
export { createEmulator, type Emulator, type EmulatorCredentials, type EmulatorOptions } from './emulator.js';
export { createExpressApp } from './express-app.js';
export type { FetchHandler } from './fetch-handler.js';
export { createSfu, loadMediaStack } from './lazy-media.js';
export { type DiskMediaStorageOptions, diskMediaStorage } from './media/disk-media-storage.js';
export type { MediaTarget } from './media/media-links.js';
export type { MediaStorage, MediaStorageFactory, StoredMedia } from './media/media-storage.js';
export { twilioHandlers } from './msw-handlers.js';
export { signalingHandler, twilioSignalingUrl } from './msw-signaling.js';
export { nodeRequestListener } from './node-http-adapter.js';
export type { ProxyRouting } from './proxy/proxy-routing.js';
export type { ProxyOptions } from './proxy/serve-proxy.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
export type { MediaClient, Sfu, SfuOptions } from './signaling/media/sfu.js';
export { type RoomSignaling, roomSignaling, sessionTimeoutSeconds } from './signaling/room-signaling.js';
export {
  connectScripted,
  type RemoteParticipantView,
  type ScriptedConnectOptions,
  type ScriptedParticipant,
  type ScriptedTrack,
  SignalingError,
} from './signaling/scripted-participant.js';
export { attachSignaling, signalingPath } from './signaling/signaling-server.js';
export { isTwilioApiUrl, twilioOrigins } from './twilio-origins.js';
export type { ConnectionOverrides } from './webhooks/connection-overrides.js';
export { defaultDeliveryLogCapacity, defaultFailedDeliveryCapacity } from './webhooks/delivery-records.js';
export type {
  Delivery,
  DeliveryAttempt,
  StatusCallbackDelivery,
} from './webhooks/status-callback-delivery.js';
