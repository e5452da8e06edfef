// roomlab's time-to-first-frame bench: with the real twilio-video SDK in Chromium, how long after
// `trackSubscribed` the first frame of a camera is presented to a participant who joins a room where
// that camera has been running, beside the same time for a new publisher's camera shown to a
// participant already in the room (the reference, measured in the same rounds). See README.md.
//
// node bench/first-frame.mjs [--quick] [--rounds N]   (needs a built emulator, Chromium, and root for
// the network namespace WebRTC runs in)
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { machine, num, table } from './report.mjs';

const quick = process.argv.includes('--quick');
const roundsArgument = process.argv.indexOf('--rounds');
const rounds = roundsArgument > 0 ? Number(process.argv[roundsArgument + 1]) : quick ? 3 : 12;

/** The nearest-rank percentile of `values` (NaN when there are none). */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

/** A row of figures for one kind of view: subscribed → first frame, and where the time went. */
function row(label, views, total) {
  const shown = views.filter((view) => view.firstFrameAt !== undefined);
  const toFrame = shown.map((view) => view.firstFrameAt - view.subscribedAt);
  const toPacket = shown
    .filter((view) => view.firstPacketAt !== undefined)
    .map((view) => view.firstPacketAt - view.subscribedAt);
  const plis = shown.map((view) => view.plisBeforeFrame ?? 0);
  return [
    label,
    `${shown.length} of ${total}`,
    num(percentile(toFrame, 50)),
    num(percentile(toFrame, 90)),
    num(Math.max(...toFrame)),
    num(percentile(toPacket, 50)),
    num(percentile(plis, 50)),
  ];
}

chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
console.log(`roomlab bench, time to first frame: ${machine()}${quick ? ', quick' : ''}\n`);
const began = performance.now();
const result = await runInNetworkNamespace(new URL('./first-frame-scenario.mjs', import.meta.url).pathname, {
  env: { ROOMLAB_FIRST_FRAME_ROUNDS: String(rounds) },
  timeoutMs: rounds * 40_000 + 60_000,
});
if (result.error) {
  console.error(`the scenario failed: ${result.error}`);
  process.exitCode = 1;
}
const views = result.rounds.flatMap((round) => round.views);
console.log(
  `Real twilio-video in Chromium, roomlab's SFU, ${result.rounds.length} rounds, each in a room of its own:` +
    ' a publisher joins with camera (320x240, 15 fps)\n   and microphone; 2 s later a joiner joins with' +
    ' its own. Times in ms from trackSubscribed (the SDK) to the first frame presented\n' +
    '   (requestVideoFrameCallback on the attached <video>).\n',
);
table(
  ['view', 'frames shown', 'median', 'p90', 'max', 'first packet (median)', 'PLIs sent (median)'],
  [
    row(
      'joiner sees the running camera',
      views.filter((view) => view.key === 'joiner'),
      result.rounds.length,
    ),
    row(
      'reference: publisher sees the new camera',
      views.filter((view) => view.key === 'publisher'),
      result.rounds.length,
    ),
  ],
);
const connects = result.rounds.map((round) => round.joinerConnectMs);
const plisReceived = result.rounds.map((round) => round.publisherSent?.plis ?? Number.NaN);
console.log(
  `\n   first packet = trackSubscribed → the first RTP packet in the receiver's stats (sampled every 20 ms);` +
    `\n   PLIs sent = keyframe requests the subscriber's browser had sent before its first frame.` +
    `\n   The joiner's connect() took ${num(percentile(connects, 50))} ms (median); the publisher's camera` +
    ` received ${num(percentile(plisReceived, 50))} keyframe requests per round (median).`,
);
console.log(`\ndone in ${num((performance.now() - began) / 1000, 1)} s`);
