// Runs inside a network namespace made by sdk-transcriptions.test.ts (the only place WebRTC may flow):
// roomlab with its media server, a page with the real twilio-video bundle, and Chromium with a fake
// microphone. A room transcribes its participants; the test supplies what they say through the
// control API, and the pages report the `transcription` events their SDKs emit. Prints one JSON line.
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveStatic } from '@roomlab/test-harness';
import { poll, sleep } from './sdk-scenario.mjs';

const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
const html = new URL('./sdk-page.html', import.meta.url).pathname;
const pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });
const result = {
  joined: [],
  supplied: [],
  received: {},
  afterStop: null,
  receivedAfterStop: {},
  error: null,
};
try {
  const { accountSid, authToken, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const rest = async (method, path, form) => {
    const response = await fetch(emulator.url + path, {
      method,
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    return response.json();
  };
  const supply = async (body) => {
    const response = await fetch(`${emulator.url}/_roomlab/transcripts`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const room = await rest('POST', '/v1/Rooms', {
    UniqueName: 'captioned',
    TranscribeParticipantsOnConnect: 'true',
    TranscriptionsConfiguration: JSON.stringify({ languageCode: 'en-GB', partialResults: true }),
  });
  result.roomSid = room.sid;
  const page = await browser.newPage();
  await page.goto(pages.origin);
  // Each joins the room from the page with a microphone; carol does not ask for transcriptions.
  const tokenFor = (identity) =>
    mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
  const connectOptions = (receiveTranscriptions) => ({
    wsServer: emulator.signalingUrl,
    name: 'captioned',
    audio: true,
    video: false,
    receiveTranscriptions,
  });
  const join = async (identity, receive) =>
    page.evaluate(
      ([key, jwt, options]) => window.join(key, jwt, options),
      [identity, await tokenFor(identity), connectOptions(receive)],
    );
  for (const [identity, receive] of [
    ['alice', true],
    ['bob', true],
    ['carol', false],
  ])
    result.joined.push(await join(identity, receive));
  await page.evaluate(() => {
    window.transcripts = {};
    for (const [key, joined] of Object.entries(window.rooms)) {
      window.transcripts[key] = [];
      joined.on('transcription', (transcript) => window.transcripts[key].push(transcript));
    }
  });
  // Until the SDKs that asked have bound the server's transcription channel (nothing is kept for later:
  // transcripts are live), then a moment for the server's end of it to open.
  await poll(
    () =>
      page.evaluate(() =>
        ['alice', 'bob'].every(
          (key) => window.rooms[key]._signaling._transcriptionSignaling._transport !== null,
        ),
      ),
    Boolean,
    30_000,
  );
  await sleep(1000);
  for (const spoken of [
    { participant: 'alice', transcription: 'Hello', partialResults: true, stability: 0.5 },
    { participant: 'alice', transcription: 'Hello everyone' },
    { participant: 'bob', transcription: 'Hi Alice' },
  ])
    result.supplied.push(await supply({ room: room.sid, ...spoken }));
  result.received = await poll(
    () => page.evaluate(() => window.transcripts),
    (seen) => seen.alice.length >= 3 && seen.bob.length >= 3,
    15_000,
  );
  // Stopped by REST: a transcript is refused, and nobody receives anything more.
  const [transcription] = (await rest('GET', `/v1/Rooms/${room.sid}/Transcriptions`)).transcriptions;
  await rest('POST', `/v1/Rooms/${room.sid}/Transcriptions/${transcription.ttid}`, { Status: 'stopped' });
  result.afterStop = await supply({ room: room.sid, participant: 'alice', transcription: 'Anyone there?' });
  await sleep(1000);
  result.receivedAfterStop = await page.evaluate(() => window.transcripts);
} catch (error) {
  result.error = String(error);
}
console.log(JSON.stringify(result));
await Promise.all([browser.close(), emulator.close(), pages.close()]);
