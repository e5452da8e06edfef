// Runs inside a network namespace made by sdk-dominant-speaker.test.ts: roomlab with its media server,
// a page with the real twilio-video bundle, and Chromium. An observer with no microphone watches a
// participant who sends a loud tone and one who sends silence (and joins later); then a test forces the
// dominant speaker through the control API and lets go; then the same in a peer-to-peer room. Prints
// one JSON line with what the observers' rooms named.
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { launchChromium, serveStatic } from '@roomlab/test-harness';
import twilio from 'twilio';

const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
const html = new URL('./sdk-page.html', import.meta.url).pathname;
const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });

const { accountSid, apiKeySid, apiKeySecret, authToken } = emulator.emulator.credentials;
const rest = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
const result = { log: [], named: {}, error: null };

async function scenario() {
  const page = await browser.newPage();
  await page.goto(pages.origin);
  const tokenFor = (identity) =>
    mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });

  /**
   * `key` joins `room` with `sound` as its only track: `tone` (a 440 Hz oscillator, loud), `silence` (a
   * WebAudio destination with nothing playing into it) or `none` (no track at all).
   */
  const join = async (key, room, sound) => {
    const token = await tokenFor(key);
    return page.evaluate(
      async ([k, jwt, ws, name, kind]) => {
        const tracks = [];
        if (kind !== 'none') {
          const context = new AudioContext();
          const destination = context.createMediaStreamDestination();
          if (kind === 'tone') {
            const oscillator = context.createOscillator();
            const gain = context.createGain();
            gain.gain.value = 0.5;
            oscillator.connect(gain).connect(destination);
            oscillator.start();
          }
          tracks.push(new Twilio.Video.LocalAudioTrack(destination.stream.getAudioTracks()[0]));
        }
        return window.join(k, jwt, { wsServer: ws, name, tracks, dominantSpeaker: true });
      },
      [key, token, emulator.signalingUrl, room, sound],
    );
  };
  /** Waits (up to `timeoutMs`) until `key`'s room names `identity` (null: nobody) as the dominant speaker. */
  const named = (key, identity, timeoutMs) =>
    page
      .waitForFunction(
        ([k, who]) => (window.rooms[k].dominantSpeaker?.identity ?? null) === who,
        [key, identity],
        {
          timeout: timeoutMs,
          polling: 100,
        },
      )
      .then(
        () => true,
        () => false,
      );
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const control = (method, roomSid, body) =>
    fetch(`${emulator.url}/_roomlab/dominant-speaker?RoomSid=${roomSid}`, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((response) => response.json());

  // A group room: the loud participant takes the floor; the silent one, joining later, never does.
  const observer = await join('observer', 'speakers', 'none');
  await join('loud', 'speakers', 'tone');
  const started = Date.now();
  result.named.loud = await named('observer', 'loud', 20_000);
  result.loudAfterMs = Date.now() - started;
  result.quietJoined = await join('quiet', 'speakers', 'silence');
  await sleep(6000);
  result.named.stillLoud = await named('observer', 'loud', 1000);
  result.named.quietSeesLoud = await named('quiet', 'loud', 5000);

  // A test forces the silent one, then lets go: back to the one the media server hears.
  result.forced = await control('POST', observer.sid, { identity: 'quiet' });
  result.named.forcedQuiet = await named('observer', 'quiet', 10_000);
  result.named.loudSeesQuiet = await named('loud', 'quiet', 10_000);
  result.released = await control('DELETE', observer.sid);
  result.named.backToLoud = await named('observer', 'loud', 10_000);

  // A peer-to-peer room has no dominant speaker: a loud participant is never named.
  await rest.video.v1.rooms.create({ uniqueName: 'p2p', type: 'peer-to-peer' });
  await join('p2p-observer', 'p2p', 'none');
  await join('p2p-loud', 'p2p', 'tone');
  result.named.p2pLoud = await named('p2p-observer', 'p2p-loud', 8000);
  result.log = (await page.evaluate(() => window.log)).filter((line) =>
    line.includes('dominantSpeakerChanged'),
  );
}

await scenario().catch((error) => {
  result.error = String(error);
});
console.log(JSON.stringify(result));
for (const close of [() => browser.close(), () => emulator.close(), () => pages.close()]) await close();
