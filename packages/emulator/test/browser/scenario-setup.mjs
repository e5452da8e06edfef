// What the media scenarios run inside a network namespace share: roomlab with its media server, the
// page with the real twilio-video bundle, Chromium with a fake camera and microphone, the official
// `twilio` client on roomlab, and the way they wait and finish.
import { createRequire } from 'node:module';
import { startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { launchChromium, serveStatic } from '@roomlab/test-harness';
import twilio from 'twilio';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` says yes or `timeoutMs` passes (a busy machine is slow); returns the last read. */
export async function poll(read, done, timeoutMs) {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
  }
}

/** Starts the page server, roomlab (media on) and Chromium; `finish` prints the result and stops them. */
export async function startScenario() {
  const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
  const html = new URL('./sdk-page.html', import.meta.url).pathname;
  const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
  const emulator = await startServer({ port: 0 });
  const browser = await launchChromium({ media: true });
  const { accountSid, authToken } = emulator.emulator.credentials;
  const rest = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
  /** Prints the one JSON line the test reads, then stops everything it started. */
  const finish = async (result) => {
    console.log(JSON.stringify(result));
    await browser.close();
    await emulator.close();
    await pages.close();
  };
  return { pages, emulator, browser, rest, credentials: emulator.emulator.credentials, finish };
}
