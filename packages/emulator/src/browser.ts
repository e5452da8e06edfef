// The browser entry: everything that runs without Node (no HTTP server, no files).
export { createEmulator, type Emulator, type EmulatorCredentials, type EmulatorOptions } from './emulator.js';
export type { FetchHandler } from './fetch-handler.js';
export { type BrowserEmulator, startInBrowser } from './msw-browser.js';
export { twilioHandlers } from './msw-handlers.js';
export { signalingHandler, twilioSignalingUrl } from './msw-signaling.js';
export { isTwilioApiUrl, twilioOrigins } from './twilio-origins.js';
