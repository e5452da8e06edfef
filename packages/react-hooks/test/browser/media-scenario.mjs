// Runs inside a network namespace made by hooks-with-media.test.ts: roomlab with its media server, the
// test app (app.tsx, bundled) and Chromium with a fake camera. Alice sends a loud tone and bob silence,
// each in a tab of their own; the script changes bob's network, switches his camera off and on from
// alice's tab and raises its priority from his, reading after each step what the hooks render. Prints
// one JSON line.
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { launchChromium, serveBundle } from '@roomlab/test-harness';

const pages = await serveBundle(new URL('.', import.meta.url).pathname);
const emulator = await startServer({ port: 0 });
const browser = await launchChromium({ media: true });
const result = { error: null, log: [] };

/** One tab of the app, joined as `identity` with a microphone sending `sound`. */
async function open(identity, sound) {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') result.log.push(`${identity}:${message.text().slice(0, 200)}`);
  });
  const query = new URLSearchParams({ token, room: 'conditions', ws: emulator.signalingUrl, sound });
  await page.goto(`${pages.origin}/?${query}`);
  return page;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `read(page)` (what the page shows) passes `done`, for up to `timeoutMs`; returns the last
 * value read and how long it took, or throws saying what was shown.
 */
async function until(what, read, done, timeoutMs = 30_000) {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, afterMs: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

/** What a tab shows of one participant's network quality: `#local` (self) or a remote's list item. */
const quality = (page, who) => {
  const root = who === 'self' ? page.locator('#local') : page.locator(`li[data-identity="${who}"]`);
  return root.locator('.quality').evaluate((element) => ({
    level: element.querySelector('.level')?.textContent,
    statsLevel: element.querySelector('.stats-level')?.textContent,
    video: element.querySelector('.stats-video')?.textContent,
    loss: element.querySelector('.stats-loss')?.textContent,
  }));
};
/** Bob's level as he sees it himself, and as alice sees it. */
const levels = async (tabs) => ({
  self: await quality(tabs.bob, 'self'),
  seen: await quality(tabs.alice, 'bob'),
});
const both = (test) => (seen) => test(Number(seen.self.level)) && test(Number(seen.seen.level));

/** What alice's tab shows of bob's camera. */
const bobsCamera = (tabs) =>
  tabs.alice.locator('li[data-identity="bob"] .camera').evaluate((camera) => ({
    switched: camera.querySelector('.switched')?.textContent,
    publication: camera.querySelector('.publication-switched')?.textContent,
    priority: camera.querySelector('.priority')?.textContent,
    frames: camera.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
  }));

/** How many frames of bob's camera alice's tab plays in `ms`. */
async function framesIn(tabs, ms) {
  const before = await bobsCamera(tabs);
  await sleep(ms);
  return (await bobsCamera(tabs)).frames - before.frames;
}

try {
  const tabs = { alice: await open('alice', 'tone'), bob: await open('bob', 'silence') };
  await until(
    'bob playing in alice’s tab',
    () => bobsCamera(tabs).catch(() => null),
    (camera) => camera?.frames > 0,
    45_000,
  );
  result.measured = (await until('measured levels', () => levels(tabs), both(Number.isInteger))).value;

  // Alice's tone takes the floor in bob's tab; alice's own tab never names bob.
  result.speaker = await until(
    'alice dominant in bob’s tab',
    () => tabs.bob.textContent('#dominant'),
    (who) => who === 'alice',
  );

  const bobSid = await tabs.bob.evaluate(() => document.querySelector('#local')?.dataset.sid);
  const network = (method, body) =>
    fetch(`${emulator.url}/_roomlab/network?ParticipantSid=${bobSid}`, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((response) => response.json());

  /** Waits until both tabs show bob's level passing `test`; what they show then. */
  const levelsUntil = async (what, test) => (await until(what, () => levels(tabs), both(test))).value;

  // A forced level, seen by bob and by alice, then cleared.
  result.forcedAnswer = await network('POST', { level: 2 });
  result.forced = await levelsUntil('forced level 2', (level) => level === 2);
  await network('DELETE');
  result.unforced = await levelsUntil('measured again', (level) => level >= 4);

  // 30% loss both ways on bob's path: his level falls by itself, and comes back when cleared.
  result.lossAnswer = await network('POST', { packetLossPercent: 30 });
  result.impaired = await levelsUntil('level 3 or less under loss', (level) => level <= 3);
  await network('DELETE');
  result.restored = await levelsUntil('restored', (level) => level >= 4);

  /** Waits until alice's tab shows bob's camera passing `test`; what it shows then. */
  const cameraUntil = async (what, test) => (await until(what, () => bobsCamera(tabs), test)).value;

  // Alice switches bob's camera off and on again; over two seconds of each, frames play or do not.
  result.cameraBefore = await bobsCamera(tabs);
  result.framesPlaying = await framesIn(tabs, 2000);
  await tabs.alice.locator('li[data-identity="bob"]').getByRole('button', { name: 'Switch off' }).click();
  result.switchedOff = await cameraUntil('switched off', (camera) => camera.switched === 'switched off');
  await sleep(1000); // frames already on their way are played
  result.framesOff = await framesIn(tabs, 2000);
  await tabs.alice.locator('li[data-identity="bob"]').getByRole('button', { name: 'Switch on' }).click();
  result.switchedOn = await cameraUntil('switched on', (camera) => camera.switched === 'switched on');
  result.playingAgain = await cameraUntil(
    'frames again',
    (camera) => camera.frames > result.switchedOn.frames,
  );

  // Bob raises his camera's priority, then lowers it: alice's tab shows each.
  for (const priority of ['high', 'low']) {
    await tabs.bob.getByRole('button', { name: `Priority ${priority}` }).click();
    result[`priority ${priority}`] = (
      await cameraUntil(`priority ${priority}`, (camera) => camera.priority === priority)
    ).priority;
  }

  result.speakersSeen = {
    alice: await tabs.alice.locator('#dominant-history li').allTextContents(),
    bob: await tabs.bob.locator('#dominant-history li').allTextContents(),
  };
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  console.log(JSON.stringify(result));
  for (const close of [() => browser.close(), () => emulator.close(), () => pages.close()]) await close();
}
