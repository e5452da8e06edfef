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

/** The m-sections of `kind` in an SDP. */
const sections = (sdp, kind) => sdp.split(/\r\n(?=m=)/).filter((section) => section.startsWith(`m=${kind} `));
/** The codec names of a section's rtpmap lines, by payload type. */
const codecNames = (section) =>
  new Map(
    [...section.matchAll(/^a=rtpmap:(\d+) ([^/]+)\//gm)].map(([, pt, name]) => [pt, name.toLowerCase()]),
  );
/** Opus's fmtp parameters in each audio section (null where Opus has no fmtp line). */
const opusFmtp = (sdp) =>
  sections(sdp, 'audio').map((section) => {
    const opus = [...codecNames(section)].find(([, name]) => name === 'opus')?.[0];
    return new RegExp(`^a=fmtp:${opus} (.+)$`, 'm').exec(section)?.[1] ?? null;
  });
/** Each sending video section's simulcast (SIM) and retransmission (FID) SSRC groups, as SSRC counts. */
const simulcastOf = (sdp) =>
  sections(sdp, 'video')
    .filter((section) => /^a=(sendonly|sendrecv)$/m.test(section))
    .map((section) => {
      const ssrcs = (group) =>
        new Set(
          [...section.matchAll(new RegExp(`^a=ssrc-group:${group} (.+)$`, 'gm'))].flatMap(([, list]) =>
            list.split(' '),
          ),
        ).size;
      return { sim: ssrcs('SIM'), fid: ssrcs('FID') };
    });
/** The codec names each video section offers (retransmission aside). */
const videoCodecsOf = (sdp) =>
  sections(sdp, 'video').map((section) =>
    [...new Set(codecNames(section).values())].filter((name) => name !== 'rtx'),
  );

/** Creates a room through the REST API, with `body` its form parameters. */
async function createRoom(body) {
  const { accountSid, authToken } = emulator.emulator.credentials;
  const created = await emulator.emulator.handle(
    new Request('https://video.twilio.com/v1/Rooms', {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    }),
  );
  if (created.status !== 201) throw new Error(`creating a room (${body}): ${await created.text()}`);
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
  // One participant joins a room ('media' unless `options` say) from the page, with camera and microphone.
  const join = async (identity, options = {}) => {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    return page.evaluate(
      ([key, jwt, ws, more]) =>
        window.join(key, jwt, {
          wsServer: ws,
          name: 'media',
          audio: true,
          video: { width: 160, height: 120, frameRate: 15 },
          dominantSpeaker: true,
          networkQuality: { local: 1, remote: 1 },
          ...more,
        }),
      [identity, token, emulator.signalingUrl, options],
    );
  };
  const descriptions = (key) => page.evaluate((k) => window.descriptions(k), key);
  // Each participant's network quality verbosity, when a test asks for more than the levels alone.
  const verbosity = JSON.parse(process.env.ROOMLAB_NQ_VERBOSITY ?? '{}');
  for (const identity of identities) {
    const networkQuality = verbosity[identity];
    result.joined.push(await join(identity, networkQuality ? { networkQuality } : {}));
  }
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
  // Opus's fmtp parameters in each audio m-line of every description the SDKs applied so far: the SDK
  // writes Opus DTX there (on unless a participant turns it off).
  result.opusFmtp = (await page.evaluate(() => window.applied)).map(({ side, type, sdp }) => ({
    side,
    type,
    fmtp: opusFmtp(sdp),
  }));
  // Each SDK's levels (its own and the others'), null until the network_quality channel answers.
  result.networkQuality = await poll(
    () => page.evaluate(() => window.networkQuality()),
    (levels) =>
      Object.values(levels).every(
        (seen) => seen.local !== null && Object.values(seen.remotes).every((level) => level !== null),
      ),
    15_000,
  );
  if (process.env.ROOMLAB_FORCE_LEVEL) {
    // A test forces the last participant's level through the control API (as a test of an app would),
    // then stops forcing it: it and everyone else see it from their next report.
    const victim = identities.at(-1);
    const sid = await page.evaluate((key) => window.rooms[key].localParticipant.sid, victim);
    const network = (method, body) =>
      fetch(`${emulator.url}/_roomlab/network?ParticipantSid=${sid}`, {
        method,
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then((response) => response.json());
    const seenAs = (level) => (levels) =>
      levels[victim]?.local === level &&
      Object.entries(levels).every(([key, seen]) => key === victim || seen.remotes[victim] === level);
    const levels = () => page.evaluate(() => window.networkQuality());
    result.forcedLevel = { answer: await network('POST', { level: 2 }) };
    result.forcedLevel.seen = await poll(levels, seenAs(2), 15_000);
    result.forcedLevel.statsForced = await page.evaluate(() => window.networkQualityStats());
    result.forcedLevel.cleared = await network('DELETE');
    // Measured again: a clean path inside the namespace is excellent.
    result.forcedLevel.seenAfter = await poll(levels, seenAs(5), 15_000);
    result.forcedLevel.stats = await page.evaluate(() => window.networkQualityStats());
  }
  if (process.env.ROOMLAB_P2P) {
    // A peer-to-peer room: Twilio has no media server there to compute network quality.
    await createRoom('UniqueName=p2p&Type=peer-to-peer');
    result.p2p = { joined: await join('pia', { name: 'p2p', networkQuality: { local: 3, remote: 3 } }) };
    // Longer than a group room takes to give a first level (its first answer follows the channel's opening).
    await new Promise((resolve) => setTimeout(resolve, 6000));
    result.p2p.level = await page.evaluate(() => window.rooms.pia.localParticipant.networkQualityLevel);
    // Gone again, so the steps that follow see the group room's participants alone.
    await page.evaluate(() => {
      window.rooms.pia.disconnect();
      delete window.rooms.pia;
    });
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
  if (process.env.ROOMLAB_H264) {
    // A room created with VideoCodecs=H264, joined by two participants who ask for VP8 simulcast; the
    // second brings an RTCPeerConnection class of its own.
    await createRoom('UniqueName=h264&VideoCodecs=H264');
    const simulcast = { name: 'h264', preferredVideoCodecs: [{ codec: 'VP8', simulcast: true }] };
    const joined = [
      await join('hana', simulcast),
      await join('hugo', { ...simulcast, customPeerConnection: true }),
    ];
    const inRoom = (video) => ['hana', 'hugo'].includes(video.key);
    const before = await poll(
      async () => (await videoStats()).filter(inRoom),
      (seen) => seen.filter(playing).length === 2,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const videos = (await videoStats())
      .filter(inRoom)
      .map((video, index) => ({ ...video, framesBefore: before[index]?.frames ?? 0 }));
    const times = await page.evaluate(() => ({
      joinedAt: window.joinedAt,
      subscribedAt: window.subscribedAt,
    }));
    const subscribed = ['audio', 'video'].map((kind) => times.subscribedAt[`hugo<-hana:${kind}`]);
    result.h264 = {
      joined,
      videos,
      // From hugo's connect() to the SDK telling him of both of hana's tracks (null: it never did).
      hugoSubscribedAfterMs: subscribed.every(Boolean) ? Math.max(...subscribed) - times.joinedAt.hugo : null,
      descriptions: {},
    };
    for (const key of ['hana', 'hugo']) {
      const [{ local, remote }] = await descriptions(key);
      result.h264.descriptions[key] = {
        sendingVideo: simulcastOf(local),
        remoteVideoCodecs: videoCodecsOf(remote),
      };
    }
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
