import type { Emulator, EmulatorOptions } from '@roomlab/emulator';
import type { MswServer } from './msw-composition.js';
import type { TestAccount } from './test-account.js';
import type { WebhookCapture } from './webhook-capture.js';

export type { JoinOptions, TestAccount, Twilio } from './test-account.js';

export interface StartEmulatorOptions extends EmulatorOptions {
  /**
   * `in-process` (default): msw answers `https://video.twilio.com` and `api.twilio.com` in this process,
   * so code that makes its own `twilio` client needs no change; one such emulator at a time.
   * `server`: an HTTP server on a free loopback port, reached through `emulatorHttpClient`.
   */
  mode?: 'in-process' | 'server';
  /**
   * The app's own msw server (`setupServer(...)`, listening): in process, roomlab answers through it
   * rather than through an msw server of its own, which would break the app's. Its handlers are kept
   * by `resetHandlers()`; `stop()` takes them out again.
   */
  msw?: MswServer;
}

export interface TestEmulator extends TestAccount {
  emulator: Emulator;
  /** Where REST requests go: `https://video.twilio.com` in process, `http://127.0.0.1:PORT` as a server. */
  url: string;
  /** The `twilio-video` SDK's `wsServer`: `ws://127.0.0.1:PORT/signaling`. */
  signalingUrl: string;
  /** A fresh account (a new SID and token, provisioned on first use), isolated from every other. */
  account(): Promise<TestAccount>;
  /** A loopback receiver for status callbacks; closed by `stop()`. */
  webhooks(): Promise<WebhookCapture>;
  /** Moves the emulator's clock forward (timeouts fire, tokens expire). */
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The emulator, msw and the `twilio` client load when an emulator is first started, not when
 * `@roomlab/testing` is imported: a test file that imports it pays almost nothing until it starts one.
 * One import shared by every call: jest's ESM loader fails on concurrent imports that share modules.
 */
let implementation: Promise<typeof import('./started-emulator.js')> | undefined;

/** Starts an emulator for a test suite, with a client, tokens, scripted participants and webhook capture. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  implementation ??= import('./started-emulator.js');
  return (await implementation).startEmulatorNow(options);
}
