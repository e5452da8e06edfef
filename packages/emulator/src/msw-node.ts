import { type SetupServer, setupServer } from 'msw/node';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { twilioHandlers } from './msw-handlers.js';

export interface InProcessEmulator {
  emulator: Emulator;
  /** The msw server intercepting `https://video.twilio.com` and the other Twilio hosts. */
  server: SetupServer;
  /** Stops intercepting and closes the emulator. */
  close(): void;
}

/**
 * Answers Twilio's API hosts in this Node process: any HTTP client (the `twilio` library, fetch, axios)
 * that calls `https://video.twilio.com` reaches the emulator instead, with no port and no network.
 * Requests to other hosts pass through untouched.
 */
export function startInProcess(options: EmulatorOptions & { emulator?: Emulator } = {}): InProcessEmulator {
  const emulator = options.emulator ?? createEmulator(options);
  const server = setupServer(...twilioHandlers(emulator.handle));
  server.listen({ onUnhandledRequest: 'bypass' });
  return {
    emulator,
    server,
    close() {
      server.close();
      emulator.close();
    },
  };
}
