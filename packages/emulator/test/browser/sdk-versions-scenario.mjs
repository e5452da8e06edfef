// Runs inside a network namespace made by sdk-versions.test.ts: roomlab with its media server, and one
// Chromium tab per twilio-video release apps still ship (2.15 to 2.36), each on its own copy of
// sdk-page.html with that release's npm bundle. Every tab joins the same room with camera and
// microphone; the scenario waits for each to paint every other's video, completes the room over REST,
// and reads Video Insights' participant summaries. Prints one JSON line.
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { launchChromium, serveStatic } from '@roomlab/test-harness';
import twilio from 'twilio';
import { poll } from './sdk-scenario.mjs';

/** The bundles, by the package names the emulator's devDependencies alias them under. */
const releases = ['twilio-video-2-15', 'twilio-video-2-22', 'twilio-video-2-28', 'twilio-video'];
const require = createRequire(import.meta.url);
const html = new URL('./sdk-page.html', import.meta.url).pathname;
const servers = await Promise.all(
  releases.map((name) =>
    serveStatic({
      files: { '/': html, '/twilio-video.js': require.resolve(`${name}/dist/twilio-video.js`) },
    }),
  ),
);
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });
const { accountSid, apiKeySid, apiKeySecret, authToken } = emulator.emulator.credentials;
const rest = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
const result = { error: null, tabs: [], summaries: [] };

async function scenario() {
  const tabs = [];
  for (const server of servers) {
    const page = await browser.newPage();
    await page.goto(server.origin);
    const version = await page.evaluate(() => Twilio.Video.version);
    tabs.push({ page, version, identity: `sdk-${version}` });
  }
  let roomSid;
  for (const tab of tabs) {
    const token = await mintAccessToken({
      accountSid,
      apiKeySid,
      apiKeySecret,
      identity: tab.identity,
      now: Date.now(),
    });
    tab.joined = await tab.page.evaluate(
      ([jwt, ws]) =>
        window.join('me', jwt, {
          wsServer: ws,
          name: 'versions',
          audio: true,
          video: { width: 160, height: 120, frameRate: 15 },
        }),
      [token, emulator.signalingUrl],
    );
    roomSid ??= tab.joined.sid;
  }
  // Each tab paints every other tab's video: signaling and media work across the releases.
  const others = tabs.length - 1;
  for (const tab of tabs) {
    tab.videos = await poll(
      () => tab.page.evaluate(() => window.videoStats()),
      (videos) => videos.filter((video) => video.frames > 0).length >= others,
      45_000,
    );
  }
  await rest.video.v1.rooms(roomSid).update({ status: 'completed' });
  for (const tab of tabs) {
    tab.log = await poll(
      () => tab.page.evaluate(() => window.log),
      (log) => log.some((line) => line.startsWith('me:disconnected')),
      10_000,
    );
  }
  result.tabs = tabs.map(({ version, identity, joined, videos, log }) => ({
    version,
    identity,
    joined,
    playing: videos.filter((video) => video.frames > 0).map((video) => video.identity),
    disconnected: log.filter((line) => line.startsWith('me:disconnected')),
  }));
  result.summaries = (await rest.insights.v1.rooms(roomSid).participants.list()).map((summary) =>
    summary.toJSON(),
  );
}

await scenario().catch((error) => {
  result.error = String(error?.stack ?? error);
});
console.log(JSON.stringify(result));
await Promise.all([browser.close(), emulator.close(), ...servers.map((server) => server.close())]);
