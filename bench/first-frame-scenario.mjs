// Runs inside the network namespace first-frame.mjs makes (the only place WebRTC may flow): roomlab's
// server with its SFU, a page with the real twilio-video bundle, and Chromium with a fake camera and
// microphone. Each round, in a room of its own: the publisher joins with camera and microphone; after
// 2 s the joiner joins with its own camera and microphone. So the joiner subscribes
// to a camera that has been running (the measured case), while the publisher, already in the room,
// subscribes to a new publisher's camera (the reference). Prints one JSON line: every round's timings.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';

const rounds = Number(process.env.ROOMLAB_FIRST_FRAME_ROUNDS ?? 10);
const settleMs = 2000;
const frameTimeoutMs = 20_000;
const camera = { width: 320, height: 240, frameRate: 15 };

// twilio-video and @roomlab/core are the emulator's dependencies: resolved from there, the bench needs
// no copy of its own.
const fromEmulator = createRequire(new URL('../packages/emulator/package.json', import.meta.url));
const { mintAccessToken } = await import(pathToFileURL(fromEmulator.resolve('@roomlab/core')).href);
const pages = await serveStatic({
  files: {
    '/': new URL('./first-frame-page.html', import.meta.url).pathname,
    '/twilio-video.js': fromEmulator.resolve('twilio-video/dist/twilio-video.js'),
  },
});
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const result = { rounds: [], error: null };
try {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const page = await browser.newPage();
  await page.goto(pages.origin);
  const join = async (key, identity, room) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    const options = { wsServer: emulator.signalingUrl, name: room, audio: true, video: camera };
    return page.evaluate(([k, jwt, more]) => window.join(k, jwt, more), [key, token, options]);
  };
  for (let round = 0; round < rounds; round++) {
    const room = `first-frame-${round}`;
    await join('publisher', `publisher-${round}`, room);
    await sleep(settleMs);
    const joiner = await join('joiner', `joiner-${round}`, room);
    const deadline = Date.now() + frameTimeoutMs;
    const views = () => page.evaluate(() => window.views.splice(0));
    let seen = [];
    while (Date.now() < deadline) {
      seen = await page.evaluate(() => window.views);
      if (seen.length === 2 && seen.every((view) => view.firstFrameAt !== undefined)) break;
      await sleep(100);
    }
    const sent = await page.evaluate(() => window.sent('publisher'));
    result.rounds.push({ joinerConnectMs: joiner.connectMs, views: await views(), publisherSent: sent });
    await page.evaluate(() => {
      window.leave('publisher');
      window.leave('joiner');
    });
    await sleep(500);
  }
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  await emulator.close();
  await pages.close();
}
