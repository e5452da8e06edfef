// What a scenario that runs the real SDK needs (inside the network namespace its test made): roomlab
// with its media server, a page with the twilio-video bundle, and Chromium with fake devices.
import { createRequire } from 'node:module';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` says yes or `timeoutMs` passes (a busy machine is slow); returns the last read. */
export async function poll(read, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(250);
    value = await read();
  }
  return value;
}

/** roomlab, and sdk-page.html open in Chromium; `close` stops all three. */
export async function openSdkPage() {
  const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
  const html = new URL('./sdk-page.html', import.meta.url).pathname;
  const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
  const emulator = await startServer({ port: 0 });
  const browser = await launchChromium({ media: true });
  const page = await browser.newPage();
  await page.goto(pages.origin);
  const close = async () => {
    await browser.close();
    await emulator.close();
    await pages.close();
  };
  return { page, emulator, close };
}
