export type { DominantSpeakerHelpers } from './dominant-speaker.js';
export { installMatchers, roomlabMatchers } from './matchers.js';
export type { CompositionState, MediaFile, MediaHelpers, RecordingState } from './media-helpers.js';
export type { NetworkControl, TestParticipant } from './network.js';
export {
  type StartEmulatorOptions,
  startEmulator,
  type TestAccount,
  type TestEmulator,
  type Twilio,
} from './start-emulator.js';
export { type CapturedWebhook, captureWebhooks, type WebhookCapture } from './webhook-capture.js';
