// Runs inside a network namespace made by inspector-media.test.ts (the only place WebRTC may flow):
// roomlab with its media server, the inspector open in Chromium, and a page where the real twilio-video
// SDK joins a recorded room with the fake camera and microphone. Once the room is completed and its
// recordings and a composition land, the inspector's players are read as a person would see them, and
// each file is fetched from `/_roomlab/media` into ROOMLAB_MEDIA_OUT for the test to probe; the page's
// screenshot goes to ROOMLAB_SCREENSHOT. Prints one JSON line.
import { writeFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import { mintAccessToken } from '@roomlab/core';
import { poll, sleep, startScenario } from './scenario-setup.mjs';

const out = process.env.ROOMLAB_MEDIA_OUT ?? '';
const { pages, emulator, browser, rest, credentials, finish } = await startScenario();
const { accountSid, apiKeySid, apiKeySecret } = credentials;

/**
 * Every player on the inspector page, once each has its metadata or an error (or 15 s passed): what the
 * element says, as a person pressing play would find it.
 */
async function players(inspector) {
  return inspector.evaluate(async () => {
    const settled = (element) =>
      element.readyState >= 1 || element.error
        ? Promise.resolve()
        : new Promise((resolve) => {
            element.addEventListener('loadedmetadata', resolve, { once: true });
            element.addEventListener('error', resolve, { once: true });
            setTimeout(resolve, 15_000);
          });
    const elements = [...document.querySelectorAll('audio, video')];
    await Promise.all(elements.map(settled));
    return elements.map((element) => ({
      sid: element.closest('[data-sid]')?.getAttribute('data-sid') ?? null,
      tag: element.localName,
      label: element.getAttribute('aria-label'),
      src: element.currentSrc,
      readyState: element.readyState,
      duration: Number.isFinite(element.duration) ? element.duration : String(element.duration),
      error: element.error ? `${element.error.code} ${element.error.message}` : null,
      videoWidth: element.localName === 'video' ? element.videoWidth : null,
    }));
  });
}

/** GETs `/_roomlab/media?Sid=` (no auth, as a player does) into `file`: its status, headers and bytes. */
async function download(sid, file) {
  const response = await fetch(`${emulator.url}/_roomlab/media?Sid=${sid}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.ok) await writeFile(file, bytes);
  return {
    sid,
    file,
    status: response.status,
    contentType: response.headers.get('content-type'),
    contentDisposition: response.headers.get('content-disposition'),
    bytes: bytes.length,
  };
}

const result = { recordings: [], compositions: [], players: [], files: [], reloaded: null, error: null };
const inspector = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
const sdk = await browser.newPage();
try {
  await inspector.goto(`${emulator.url}/_roomlab/ui/`);
  await inspector.evaluate(() => {
    window.loadedOnce = true; // a reload would take it away
  });
  await sdk.goto(pages.origin);
  const room = await rest.video.v1.rooms.create({
    uniqueName: 'recorded',
    type: 'group',
    recordParticipantsOnConnect: true,
  });
  const token = await mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret,
    identity: 'alice',
    now: Date.now(),
  });
  const options = {
    wsServer: emulator.signalingUrl,
    name: 'recorded',
    tracks: undefined,
    audio: true,
    video: { width: 320, height: 240, frameRate: 15 },
  };
  await sdk.evaluate(([jwt, o]) => window.join('alice', jwt, o), [token, options]);
  await sleep(4000);
  await rest.video.v1.rooms(room.sid).update({ status: 'completed' });
  const recordings = await poll(
    () => rest.video.v1.rooms(room.sid).recordings.list(),
    (all) => all.length > 0 && all.every((recording) => recording.status !== 'processing'),
    30_000,
  );
  result.recordings = recordings.map(({ sid, status, type, containerFormat }) => ({
    sid,
    status,
    type,
    containerFormat,
  }));
  // Chromium plays WebM (VP8 and Opus); an MP4 of H.264 and AAC needs codecs Chromium may lack.
  const created = await rest.video.v1.compositions.create({
    roomSid: room.sid,
    videoLayout: { grid: { video_sources: ['*'] } },
    audioSources: ['*'],
    format: 'webm',
  });
  const composition = await poll(
    () => rest.video.v1.compositions(created.sid).fetch(),
    (c) => c.status === 'completed' || c.status === 'failed',
    60_000,
  );
  result.compositions = [{ sid: composition.sid, status: composition.status, format: composition.format }];
  // The page shows a player for each once it is completed, with no reload.
  const expected = recordings.length + 1;
  await poll(
    () => inspector.locator('audio, video').count(),
    (count) => count >= expected,
    15_000,
  );
  result.players = await players(inspector);
  if (process.env.ROOMLAB_SCREENSHOT)
    await inspector.screenshot({ path: process.env.ROOMLAB_SCREENSHOT, fullPage: true });
  result.reloaded = !(await inspector.evaluate(() => window.loadedOnce === true));
  for (const { sid, containerFormat } of recordings)
    result.files.push(await download(sid, joinPath(out, `${sid}.${containerFormat}`)));
  result.files.push(await download(composition.sid, joinPath(out, `${composition.sid}.webm`)));
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  await finish(result);
}
