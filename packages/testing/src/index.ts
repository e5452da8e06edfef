export type { DominantSpeakerHelpers } from './dominant-speaker.js';
export { installMatchers, roomlabMatchers } from './matchers.js';
export type { CompositionState, MediaFile, MediaHelpers, RecordingState } from './media-helpers.js';
export { type MswServer, roomlabHandlers } from './msw-composition.js';
export type { NetworkControl, TestParticipant } from './network.js';
export {
  type JoinOptions,
  type StartEmulatorOptions,
  startEmulator,
  type TestAccount,
  type TestEmulator,
  type Twilio,
} from './start-emulator.js';
export type { TokenVerdict } from './verify-token.js';
export { type CapturedWebhook, captureWebhooks, type WebhookCapture } from './webhook-capture.js';
