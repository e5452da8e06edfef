import { type SetupWorker, setupWorker } from 'msw/browser';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { twilioHandlers } from './msw-handlers.js';
import { signalingHandler } from './msw-signaling.js';

export interface BrowserEmulator {
  emulator: Emulator;
  worker: SetupWorker;
  stop(): void;
}

/**
 * Answers Twilio's API hosts inside a browser page through msw's service worker, and the SDK's
 * signaling WebSocket (`wss://global.vss.twilio.com/signaling`) through msw's WebSocket interception,
 * so `Video.connect(token, { name })` joins rooms of this emulator unchanged (signaling only: no media
 * in a page). The page must serve `mockServiceWorker.js` (`npx msw init public/`), as msw documents.
 */
export async function startInBrowser(
  options: EmulatorOptions & { emulator?: Emulator; serviceWorkerUrl?: string } = {},
): Promise<BrowserEmulator> {
  const emulator = options.emulator ?? createEmulator(options);
  const worker = setupWorker(...twilioHandlers(emulator.handle), signalingHandler(emulator.signaling));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  return {
    emulator,
    worker,
    stop() {
      worker.stop();
      emulator.close();
    },
  };
}
