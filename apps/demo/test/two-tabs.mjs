// Runs inside the network namespace demo.test.ts makes: the demo server (emulator + app), then two
// Chromium tabs that join the same room. Prints one JSON line; screenshots go to test-results/.
import { mkdir } from 'node:fs/promises';
import { launchChromium } from '@roomlab/test-harness';
import { startDemoServer } from './demo-server.mjs';
import { eachOther, tabView } from './tab-view.mjs';

const { server, shown } = await startDemoServer();
const demo = shown('roomlab demo on');
// What the server prints for an app's backend: where the emulator's REST API is, and the account.
const backend = {
  url: shown('roomlab emulator on'),
  authorization: `Basic ${btoa(`${shown('account SID')}:${shown('auth token')}`)}`,
};

/** A REST call as the app's backend makes it (form-encoded, Basic auth); the JSON answer. */
async function rest(method, path, form) {
  const response = await fetch(backend.url + path, {
    method,
    headers: { authorization: backend.authorization },
    body: form && new URLSearchParams(form),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const results = new URL('../test-results/', import.meta.url).pathname;
await mkdir(results, { recursive: true });
const browser = await launchChromium({ media: true });
const result = { tabs: {}, previews: {}, error: null };
try {
  const tabs = {};
  for (const identity of ['alice', 'bob']) {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${demo}/?identity=${identity}&room=demo`);
    // The lobby previews the camera before joining.
    await page.waitForFunction(() => document.querySelector('#preview')?.videoWidth > 0, null, {
      timeout: 30_000,
    });
    result.previews[identity] = await page.locator('#preview').evaluate((video) => video.videoWidth);
    await page.getByRole('button', { name: 'Join' }).click();
    tabs[identity] = page;
  }
  for (const [identity, other] of eachOther) {
    const page = tabs[identity];
    const remoteVideo = page.locator(`.tile[data-identity="${other}"] video`);
    await remoteVideo.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (who) => {
        const video = document.querySelector(`.tile[data-identity="${who}"] video`);
        return video instanceof HTMLVideoElement && video.videoWidth > 0 && video.currentTime > 0.5;
      },
      other,
      { timeout: 30_000 },
    );
    result.tabs[identity] = {
      ...(await tabView(page)),
      remoteVideoWidth: await remoteVideo.evaluate((video) => video.videoWidth),
    };
    await page.screenshot({ path: `${results}${identity}.png` });
  }
  // Bob hears alice: the meter on her tile moves (Chromium's fake microphone beeps).
  await tabs.bob.waitForFunction(
    () => Number(document.querySelector('.tile[data-identity="alice"] meter')?.value) > 0,
    null,
    { timeout: 30_000 },
  );
  result.bobHearsAlice = true;
  // The backend starts recording the room mid-session (RecordingRules, as on Twilio): both tabs show the
  // badge; it stops recording, and the badge goes from both.
  const badges = () => Object.values(tabs).map((page) => page.locator('.controls .recording'));
  result.badgesBeforeRecording = await Promise.all(badges().map((badge) => badge.count()));
  const { rooms } = await rest('GET', '/v1/Rooms?UniqueName=demo&Status=in-progress');
  const roomSid = rooms[0]?.sid;
  await rest('POST', `/v1/Rooms/${roomSid}/RecordingRules`, {
    Rules: JSON.stringify([{ type: 'include', all: true }]),
  });
  await Promise.all(badges().map((badge) => badge.waitFor({ timeout: 30_000 })));
  result.badgesWhileRecording = await Promise.all(badges().map((badge) => badge.textContent()));
  await rest('POST', `/v1/Rooms/${roomSid}/RecordingRules`, {
    Rules: JSON.stringify([{ type: 'exclude', all: true }]),
  });
  await Promise.all(badges().map((badge) => badge.waitFor({ state: 'detached', timeout: 30_000 })));
  result.badgesAfterRecording = await Promise.all(badges().map((badge) => badge.count()));
  const { recordings } = await rest('GET', `/v1/Rooms/${roomSid}/Recordings`);
  result.recordedTracks = recordings.map((recording) => recording.type).sort();
  // Alice mutes, and bob sees it; she stops her camera and starts it again, and bob sees her video go and come back.
  await tabs.alice.getByRole('button', { name: 'Mute', exact: true }).click();
  await tabs.bob.locator('.tile[data-identity="alice"] .muted').waitFor({ timeout: 30_000 });
  result.bobSeesAliceMuted = true;
  await tabs.alice.getByRole('button', { name: 'Stop camera' }).click();
  await tabs.bob
    .locator('.tile[data-identity="alice"] video')
    .waitFor({ state: 'detached', timeout: 30_000 });
  await tabs.alice.getByRole('button', { name: 'Start camera' }).click();
  await tabs.bob.waitForFunction(
    () => document.querySelector('.tile[data-identity="alice"] video')?.videoWidth > 0,
    null,
    { timeout: 30_000 },
  );
  result.bobSeesAliceCameraAgain = true;
  // Alice shares her screen: bob sees a second video on her tile, and who is presenting.
  await tabs.alice.getByRole('button', { name: 'Share screen' }).click();
  await tabs.bob.waitForFunction(
    () =>
      [...document.querySelectorAll('.tile[data-identity="alice"] video')].filter(
        (video) => video.videoWidth > 0,
      ).length === 2,
    null,
    { timeout: 30_000 },
  );
  result.bobSeesPresenter = await tabs.bob.locator('#presenter').textContent({ timeout: 30_000 });
  // Chat over data tracks: alice writes, bob reads.
  const send = tabs.alice.getByRole('button', { name: 'Send' });
  await tabs.alice.waitForFunction(
    () => !document.querySelector('.chat button[type=submit]')?.disabled,
    null,
    { timeout: 30_000 },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await tabs.alice.getByLabel('Message').fill('hello bob');
    await send.click();
    const heard = await tabs.bob.locator('#chat-log li').allTextContents();
    if (heard.some((line) => line.includes('alice: hello bob'))) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  result.bobChat = await tabs.bob.locator('#chat-log li').allTextContents();
  // The test impairs bob's network (roomlab's control API, by his participant SID): 30% loss both ways.
  // The bars for bob, on alice's tile of him and on his own, fall to 3 or fewer; cleared, they come back.
  const bobsBars = () =>
    Promise.all(
      Object.values(tabs).map((page) =>
        page
          .locator('.tile[data-identity="bob"] .quality')
          .textContent()
          .then((bars) => bars.split('▮').length - 1),
      ),
    );
  const barsUntil = async (done) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const bars = await bobsBars();
      if (bars.every(done)) return bars;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`bob's bars: still ${await bobsBars()}`);
  };
  result.bobsBarsBefore = await barsUntil((bars) => bars >= 4);
  const { rooms: inRoom } = await rest('GET', '/v1/Rooms?UniqueName=demo&Status=in-progress');
  const { participants } = await rest('GET', `/v1/Rooms/${inRoom[0]?.sid}/Participants?Status=connected`);
  const bobsNetwork = `${backend.url}/_roomlab/network?ParticipantSid=${participants.find((p) => p.identity === 'bob')?.sid}`;
  const impaired = await fetch(bobsNetwork, {
    method: 'POST',
    body: JSON.stringify({ packetLossPercent: 30 }),
  });
  if (!impaired.ok) throw new Error(`impairing bob answered ${impaired.status}: ${await impaired.text()}`);
  result.bobsBarsImpaired = await barsUntil((bars) => bars <= 3);
  for (const [identity, page] of Object.entries(tabs))
    await page.screenshot({ path: `${results}${identity}-bob-impaired.png` });
  await fetch(bobsNetwork, { method: 'DELETE' });
  result.bobsBarsCleared = await barsUntil((bars) => bars >= 4);
  // Bob leaves (alice sees his tile go) and joins again from the lobby (alice sees his video again).
  await tabs.bob.getByRole('button', { name: 'Leave' }).click();
  await tabs.alice.locator('.tile[data-identity="bob"]').waitFor({ state: 'detached', timeout: 30_000 });
  await tabs.bob.getByRole('button', { name: 'Join' }).click();
  await tabs.alice.waitForFunction(
    () => document.querySelector('.tile[data-identity="bob"] video')?.videoWidth > 0,
    null,
    { timeout: 30_000 },
  );
  result.bobRejoinedVideoWidth = await tabs.alice
    .locator('.tile[data-identity="bob"] video')
    .evaluate((video) => video.videoWidth);
  // The kept screenshots show the end: meters, the muted mark, the chat.
  for (const [identity, page] of Object.entries(tabs))
    await page.screenshot({ path: `${results}${identity}.png` });
} catch (error) {
  result.error = String(error);
  // What each tab showed when it failed, to tell which step broke.
  for (const page of browser.contexts().flatMap((context) => context.pages())) {
    const shown = await page
      .evaluate(() => [...document.querySelectorAll('.tile')].map((tile) => tile.outerHTML))
      .catch(() => []);
    result.pages = [...(result.pages ?? []), shown];
  }
} finally {
  console.log(JSON.stringify(result));
  await browser.close();
  server.kill('SIGTERM');
}
