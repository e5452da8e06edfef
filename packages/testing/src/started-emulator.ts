import { createEmulator, createSfu, diskMediaStorage, startServer } from '@roomlab/emulator';
import { answerInProcess } from './in-process.js';
import type { StartEmulatorOptions, TestAccount, TestEmulator } from './start-emulator.js';
import { type AccountContext, testAccount } from './test-account.js';
import { captureWebhooks } from './webhook-capture.js';

const randomHex = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Where the emulator answers, how to reach it, and what closes it. */
type Started = Omit<AccountContext, 'closers'> & { letThrough(url: string): void; close(): Promise<void> };

async function startAnswering(options: StartEmulatorOptions): Promise<Started> {
  if (options.mode === 'server') {
    if (options.msw) throw new Error("roomlab: `msw` is for mode 'in-process'; a server needs no msw");
    const server = await startServer({ port: 0, ...options });
    // It loads the twilio library; in process, that waits for the client's first use.
    const { emulatorHttpClient } = await import('@roomlab/emulator/twilio');
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

/** What `startEmulator()` does, loaded when it is first called (see start-emulator.ts). */
export async function startEmulatorNow(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const started = await startAnswering(options);
  const { emulator } = started;
  const closers: (() => Promise<void> | void)[] = [() => started.close()];
  const context: AccountContext = { ...started, closers };
  // Assigned onto the account, not spread: spreading would read its `client` and load twilio now.
  return Object.assign(testAccount(context, emulator.credentials), {
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
  } satisfies Omit<TestEmulator, keyof TestAccount>);
}
