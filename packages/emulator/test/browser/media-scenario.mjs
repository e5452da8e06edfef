// Runs inside a network namespace made by sdk-media.test.ts (the only place WebRTC may flow): roomlab
// with its media server, a page with the real twilio-video bundle, and Chromium with fake camera and
// microphone. Prints one JSON line with what the pages saw.
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';

const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
const html = new URL('./sdk-page.html', import.meta.url).pathname;
const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });

/** Reads until `done` says yes or `timeoutMs` passes (a busy machine is slow); returns the last read. */
async function poll(read, done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

const result = { joined: [], log: [], videos: [], audio: [], error: null };
try {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const identities = (process.env.ROOMLAB_PARTICIPANTS ?? 'alice,bob').split(',');
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') result.log.push(`console:${message.text().slice(0, 200)}`);
  });
  await page.goto(pages.origin);
  const videoStats = () => page.evaluate(() => window.videoStats());
  const playing = (video) => video.width > 0 && video.frames > 0;
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
  // Wait for every view to show a picture, then see frames rise.
  const before = await poll(
    videoStats,
    (videos) => videos.filter(playing).length >= identities.length * others,
    45_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  result.videos = (await videoStats()).map((video, index) => ({
    ...video,
    framesBefore: before[index]?.frames ?? 0,
  }));
  result.audio = await page.evaluate(() => window.audioStats());
  // Each SDK's levels (its own and the others'), null until the network_quality channel answers.
  result.networkQuality = await poll(
    () => page.evaluate(() => window.networkQuality()),
    (levels) =>
      Object.values(levels).every(
        (seen) => seen.local !== null && Object.values(seen.remotes).every((level) => level !== null),
      ),
    15_000,
  );
  if (process.env.ROOMLAB_SPEAKER_STEPS) {
    // Each step turns microphones off or on, then waits for who each participant's room should name
    // as the dominant speaker; it keeps what the rooms name if that never comes.
    const steps = JSON.parse(process.env.ROOMLAB_SPEAKER_STEPS);
    const named = () => page.evaluate(() => window.dominantSpeakers());
    result.speakers = [];
    for (const { microphones, expected } of steps) {
      for (const [key, enabled] of microphones)
        await page.evaluate(([k, on]) => window.setAudioEnabled(k, on), [key, enabled]);
      const wanted = (seen) => Object.entries(expected).every(([key, speaker]) => seen[key] === speaker);
      result.speakers.push(await poll(named, wanted, 10_000));
    }
  }
  if (process.env.ROOMLAB_DATA) {
    // The first participant publishes a data track and sends until every other one has the message.
    const [sender] = identities;
    await page.evaluate((key) => window.publishData(key), sender);
    await poll(
      async () => {
        await page.evaluate((key) => window.sendData(key, `hello from ${key}`), sender);
        return page.evaluate(() => window.log);
      },
      (log) =>
        identities.slice(1).every((key) => log.includes(`${key}:message:${sender}:hello from ${sender}`)),
      20_000,
    );
  }
  if (process.env.ROOMLAB_REPUBLISH) {
    // The first participant stops its camera and publishes a new one: every other one must see it play.
    const [publisher] = identities;
    const viewsBefore = (await videoStats()).length;
    await page.evaluate((key) => window.republishCamera(key), publisher);
    result.republished = await poll(
      async () => (await videoStats()).slice(viewsBefore),
      (fresh) => fresh.length === others && fresh.every(playing),
      30_000,
    );
  }
  if (process.env.ROOMLAB_REJOIN) {
    // The last participant leaves and joins again (a new session, same identity): the first one must
    // see its camera play again, on a connection that has seen tracks come and go.
    const [watcher] = identities;
    const comer = identities.at(-1);
    await page.evaluate((key) => window.rooms[key].disconnect(), comer);
    const viewsBefore = (await videoStats()).length;
    result.rejoined = await join(comer);
    result.seenAfterRejoin = await poll(
      async () =>
        (await videoStats())
          .slice(viewsBefore)
          .filter((video) => video.key === watcher && video.identity === comer),
      (fresh) => fresh.some(playing),
      30_000,
    );
  }
  result.log.push(...new Set(await page.evaluate(() => window.log)));
} catch (error) {
  result.error = String(error);
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  await emulator.close();
  await pages.close();
}
