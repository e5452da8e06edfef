// Runs inside a network namespace made by sdk-media.test.ts (the only place WebRTC may flow): roomlab
// with its media server, a page with the real twilio-video bundle, and Chromium with fake camera and
// microphone. Prints one JSON line with what the pages saw.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const sdk = require.resolve('twilio-video/dist/twilio-video.js');
const html = new URL('./sdk-page.html', import.meta.url);
const pages = createServer(async (request, response) => {
  const [type, file] = request.url === '/twilio-video.js' ? ['text/javascript', sdk] : ['text/html', html];
  response.writeHead(200, { 'content-type': type });
  response.end(await readFile(file));
});
await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${pages.address().port}`;
const emulator = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ],
});

const result = { joined: [], log: [], videos: [], audio: [], error: null };
try {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const identities = (process.env.ROOMLAB_PARTICIPANTS ?? 'alice,bob').split(',');
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') result.log.push(`console:${message.text().slice(0, 200)}`);
  });
  await page.goto(origin);
  // One participant joins the room 'media' from the page, with camera and microphone.
  const join = async (identity) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    return page.evaluate(
      ([key, jwt, ws]) =>
        window.join(key, jwt, {
          wsServer: ws,
          name: 'media',
          audio: true,
          video: { width: 160, height: 120, frameRate: 15 },
          dominantSpeaker: true,
          networkQuality: { local: 1, remote: 1 },
        }),
      [identity, token, emulator.signalingUrl],
    );
  };
  for (const identity of identities) result.joined.push(await join(identity));
  const others = identities.length - 1;
  // Wait (up to 45 s on a busy machine) for every view to show a picture, then see frames rise.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const videos = await page.evaluate(() => window.videoStats());
    const showing = videos.filter((video) => video.width > 0 && video.frames > 0);
    if (showing.length >= identities.length * others) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const before = await page.evaluate(() => window.videoStats());
  await new Promise((resolve) => setTimeout(resolve, 3000));
  result.videos = (await page.evaluate(() => window.videoStats())).map((video, index) => ({
    ...video,
    framesBefore: before[index]?.frames ?? 0,
  }));
  result.audio = await page.evaluate(() => window.audioStats());
  if (process.env.ROOMLAB_DATA) {
    // The first participant publishes a data track and sends until every other one has the message.
    const [sender] = identities;
    await page.evaluate((key) => window.publishData(key), sender);
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      await page.evaluate((key) => window.sendData(key, `hello from ${key}`), sender);
      const log = await page.evaluate(() => window.log);
      const heard = identities
        .slice(1)
        .filter((key) => log.includes(`${key}:message:${sender}:hello from ${sender}`));
      if (heard.length === identities.length - 1) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  if (process.env.ROOMLAB_REPUBLISH) {
    // The first participant stops its camera and publishes a new one: every other one must see it play.
    const [publisher] = identities;
    const viewsBefore = (await page.evaluate(() => window.videoStats())).length;
    await page.evaluate((key) => window.republishCamera(key), publisher);
    const until = Date.now() + 30_000;
    let fresh = [];
    while (Date.now() < until) {
      fresh = (await page.evaluate(() => window.videoStats())).slice(viewsBefore);
      if (fresh.length === others && fresh.every((video) => video.width > 0 && video.frames > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    result.republished = fresh;
  }
  if (process.env.ROOMLAB_REJOIN) {
    // The last participant leaves and joins again (a new session, same identity): the first one must
    // see its camera play again, on a connection that has seen tracks come and go.
    const [watcher] = identities;
    const comer = identities.at(-1);
    await page.evaluate((key) => window.rooms[key].disconnect(), comer);
    const viewsBefore = (await page.evaluate(() => window.videoStats())).length;
    result.rejoined = await join(comer);
    const until = Date.now() + 30_000;
    let fresh = [];
    while (Date.now() < until) {
      fresh = (await page.evaluate(() => window.videoStats()))
        .slice(viewsBefore)
        .filter((video) => video.key === watcher && video.identity === comer);
      if (fresh.some((video) => video.width > 0 && video.frames > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    result.seenAfterRejoin = fresh;
  }
  result.log.push(...new Set(await page.evaluate(() => window.log)));
} catch (error) {
  result.error = String(error);
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  await emulator.close();
  pages.close();
}
