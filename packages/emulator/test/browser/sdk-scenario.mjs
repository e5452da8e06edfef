// What the real-SDK scenarios that run inside a network namespace share: roomlab with its media server,
// the page (sdk-page.html) with the real twilio-video bundle, and Chromium with a fake camera and
// microphone; and a wait that re-reads until a condition holds.
import { createRequire } from 'node:module';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` says yes or `timeoutMs` passes (a busy machine is slow); returns the last read. */
export async function poll(read, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(250);
  }
}

/** Starts the emulator, the page server and Chromium; `close()` stops all three. */
export async function startSdkScenario() {
  const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
  const html = new URL('./sdk-page.html', import.meta.url).pathname;
  const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
  const emulator = await startServer({ port: 0 });
  const browser = await launchChromium({ media: true });
  const close = () => Promise.all([browser.close(), emulator.close(), pages.close()]);
  return { pages, emulator, browser, close };
}

/** A started scenario with sdk-page.html open in one tab. */
export async function openSdkPage() {
  const { pages, emulator, browser, close } = await startSdkScenario();
  const page = await browser.newPage();
  await page.goto(pages.origin);
  return { page, emulator, close };
}
