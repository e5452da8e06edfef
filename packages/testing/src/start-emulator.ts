import {
  createEmulator,
  createSfu,
  diskMediaStorage,
  type Emulator,
  type EmulatorOptions,
  startServer,
} from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { answerInProcess } from './in-process.js';
import type { MswServer } from './msw-composition.js';
import { type AccountContext, type TestAccount, testAccount } from './test-account.js';
import { captureWebhooks, type WebhookCapture } from './webhook-capture.js';

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

const randomHex = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Where the emulator answers, how to reach it, and what closes it. */
type Started = Omit<AccountContext, 'closers'> & { letThrough(url: string): void; close(): Promise<void> };

async function startAnswering(options: StartEmulatorOptions): Promise<Started> {
  if (options.mode === 'server') {
    if (options.msw) throw new Error("roomlab: `msw` is for mode 'in-process'; a server needs no msw");
    const server = await startServer({ port: 0, ...options });
    return {
      emulator: server.emulator,
      url: server.url,
      signalingUrl: server.signalingUrl,
      httpClient: (base) => emulatorHttpClient(base),
      letThrough: () => undefined,
      close: () => server.close(),
    };
  }
  const emulator = createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage(), ...options });
  const answering = await answerInProcess(emulator, options.msw).catch(async (error: unknown) => {
    // Refused (another msw server intercepts): the emulator made for it goes, with its media directory.
    emulator.close();
    await emulator.mediaStorage.close();
    throw error;
  });
  return { emulator, url: 'https://video.twilio.com', httpClient: undefined, ...answering };
}

/** Starts an emulator for a test suite, with a client, tokens, scripted participants and webhook capture. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const started = await startAnswering(options);
  const { emulator } = started;
  const closers: (() => Promise<void> | void)[] = [() => started.close()];
  const context: AccountContext = { ...started, closers };
  return {
    ...testAccount(context, emulator.credentials),
    emulator,
    url: started.url,
    signalingUrl: started.signalingUrl,
    async account() {
      const accountSid = `AC${randomHex()}`;
      const authToken = randomHex();
      const account = emulator.engine.addAccount({ sid: accountSid, authToken, apiKeys: [{}] });
      const [key] = [...account.apiKeys.values()];
      return testAccount(context, {
        accountSid,
        authToken,
        apiKeySid: key?.sid ?? '',
        apiKeySecret: key?.secret ?? '',
      });
    },
    async webhooks() {
      const capture = await captureWebhooks();
      started.letThrough(capture.url);
      closers.unshift(() => capture.close());
      return capture;
    },
    advanceClock: (ms) => {
      emulator.control.advanceClock(ms);
    },
    async stop() {
      for (const close of closers.splice(0)) await close();
    },
  };
}
