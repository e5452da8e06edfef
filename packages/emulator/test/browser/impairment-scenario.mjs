// Runs inside a network namespace made by sdk-impairment.test.ts: roomlab with its media server, two
// real twilio-video participants (alice, and bob, whose path a test impairs) on one page in Chromium
// with fake camera and microphone. Prints one JSON line with what bob's own stats showed in each phase.
import { mintAccessToken } from '@roomlab/core';
import { poll, sleep, startSdkScenario } from './sdk-scenario.mjs';

const { pages, emulator, browser, close } = await startSdkScenario();

/**
 * One participant's view of its own path, from the browser's stats of the SDK's peer connections:
 * packets lost of what it receives (inbound-rtp), the SFU's reports of what it sends (remote-inbound-rtp:
 * fractionLost, roundTripTime), and the ICE round trip of the selected pair. `sdkPacketsLost` is the same
 * loss as the SDK's `room.getStats()` gives it an app; `at` is when it was read (ms).
 */
function pathStats(key) {
  return window.rooms[key]
    ? (async () => {
        const room = window.rooms[key];
        const seen = {
          packetsLost: 0,
          packetsReceived: 0,
          bytesReceived: 0,
          fractionLost: [],
          roundTripTime: [],
          pairRtt: null,
        };
        for (const {
          _peerConnection: pc,
        } of room._signaling._peerConnectionManager._peerConnections.values()) {
          const report = await pc.getStats();
          const selected = [...report.values()].find((s) => s.type === 'transport')?.selectedCandidatePairId;
          for (const stats of report.values()) {
            if (stats.type === 'inbound-rtp') {
              seen.packetsLost += stats.packetsLost ?? 0;
              seen.packetsReceived += stats.packetsReceived ?? 0;
              seen.bytesReceived += stats.bytesReceived ?? 0;
            }
            if (stats.type === 'remote-inbound-rtp') {
              seen.fractionLost.push(stats.fractionLost ?? null);
              seen.roundTripTime.push(stats.roundTripTime ?? null);
            }
            if (stats.type === 'candidate-pair' && stats.id === selected)
              seen.pairRtt = stats.currentRoundTripTime ?? null;
          }
        }
        let sdkPacketsLost = 0;
        for (const report of await room.getStats())
          for (const stats of [...report.remoteAudioTrackStats, ...report.remoteVideoTrackStats])
            sdkPacketsLost += stats.packetsLost ?? 0;
        return { ...seen, sdkPacketsLost, at: Date.now() };
      })()
    : null;
}

const result = { joined: [], phases: {}, answers: {}, log: [], error: null };
try {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') result.log.push(`console:${message.text().slice(0, 200)}`);
  });
  await page.goto(pages.origin);
  for (const identity of ['alice', 'bob']) {
    const token = await mintAccessToken({ accountSid, apiKeySid, apiKeySecret, identity, now: Date.now() });
    result.joined.push(
      await page.evaluate(
        ([key, jwt, ws]) =>
          window.join(key, jwt, {
            wsServer: ws,
            name: 'impaired',
            audio: true,
            video: { width: 160, height: 120, frameRate: 15 },
            networkQuality: { local: 1, remote: 1 },
          }),
        [identity, token, emulator.signalingUrl],
      ),
    );
  }
  await poll(
    () => page.evaluate(() => window.videoStats()),
    (videos) => videos.filter((video) => video.width > 0 && video.frames > 0).length === 2,
    45_000,
  );

  // The victim: bob. Everything a check of his path needs is here, read the same way in each phase.
  const victim = {
    sid: await page.evaluate(() => window.rooms.bob.localParticipant.sid),
    stats: () => page.evaluate(pathStats, 'bob'),
    /** Each SDK's network quality levels (its own, and the others'), as the page sees them now. */
    levels: () => page.evaluate(() => window.networkQuality()),
    /** Waits (up to `ms`) for bob's level, his own and as alice sees it, to pass `good`; the last read. */
    levelsUntil: (good, ms) =>
      poll(
        victim.levels,
        (levels) => good(levels.bob?.local ?? null) && good(levels.alice?.remotes?.bob ?? null),
        ms,
      ),
  };
  const network = (method, body) =>
    fetch(`${emulator.url}/_roomlab/network?ParticipantSid=${victim.sid}`, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((response) => response.json());
  /**
   * Reads the victim's stats at the start, then every half second for `ms`: what changed over that
   * time, and the shortest round trip seen in it (a loaded machine only ever adds to a round trip).
   */
  const phase = async (name, ms) => {
    const start = await victim.stats();
    const samples = [];
    for (const until = Date.now() + ms; Date.now() < until; ) {
      await sleep(500);
      samples.push(await victim.stats());
    }
    const roundTrips = samples.flatMap((sample) => [sample.pairRtt, ...sample.roundTripTime]);
    result.phases[name] = {
      start,
      end: samples.at(-1),
      shortestRoundTrip: Math.min(...roundTrips.filter((rtt) => typeof rtt === 'number' && rtt > 0)),
      levels: await victim.levels(),
    };
  };

  // Bob's level has arrived (his own, and at alice) before his path is impaired: the SDK's first
  // report travels on the data channel, and one opened under 30% loss may take long to get going.
  result.levelsBefore = await victim.levelsUntil((level) => level === 5, 20_000);
  result.answers.loss = await network('POST', { packetLossPercent: 30 });
  await sleep(2000); // the browser's next reports cover impaired time
  await phase('loss', 5000);
  // The levels computed from the reports fall by themselves (a report a second, then scored).
  result.levelsUnderLoss = await victim.levelsUntil((level) => level !== null && level <= 3, 15_000);
  result.answers.latency = await network('POST', { latencyMs: 150 });
  // Chromium sends an audio sender report only every 5 s or so, and the SFU's receiver reports answer
  // the latest: a round trip measured on one sent before the latency came is half as long (0.15 s).
  await sleep(7000);
  await phase('latency', 4000);
  result.answers.bandwidth = await network('POST', { bandwidthKbps: 50 });
  await sleep(3000); // the queue that built up before has drained or overflowed
  await phase('bandwidth', 5000);
  result.answers.cleared = await network('DELETE');
  await sleep(3000); // what was on its way has arrived, and the browser has given up on what was lost
  await phase('cleared', 5000);
  result.levelsCleared = await victim.levelsUntil((level) => level === 5, 20_000);
  result.log.push(...new Set(await page.evaluate(() => window.log)));
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  console.log(JSON.stringify(result));
  await close();
}
