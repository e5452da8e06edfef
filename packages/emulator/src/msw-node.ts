import { type SetupServer, SetupServerApi } from 'msw/node';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { assertNothingIntercepts, guardInterceptors, ownInterceptors } from './msw-conflict.js';
import { twilioHandlers } from './msw-handlers.js';

export { MswConflictError } from './msw-conflict.js';
export { type InProcessTarget, twilioHandlers, twilioHandlersWhile } from './msw-handlers.js';

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
 * Requests to other hosts pass through untouched. It has an msw server of its own: when the app has
 * one too, put `twilioHandlers(emulator.handle)` in the app's server instead (a second one throws
 * `MswConflictError`, as does one that starts listening after this one, at its first request).
 */
export function startInProcess(options: EmulatorOptions & { emulator?: Emulator } = {}): InProcessEmulator {
  assertNothingIntercepts();
  const interceptors = ownInterceptors();
  const emulator = options.emulator ?? createEmulator(options);
  guardInterceptors(interceptors);
  const server = new SetupServerApi(twilioHandlers(emulator.handle), interceptors);
  server.listen({ onUnhandledRequest: 'bypass' });
  return {
    emulator,
    server,
    close() {
      server.close();
      // An msw server that listened after this one and closed may have taken the shared source's
      // global name with it, so that closing skipped the interceptors: dispose of them in any case.
      for (const interceptor of interceptors) interceptor.dispose();
      emulator.close();
    },
  };
}
