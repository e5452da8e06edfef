// roomlab's SFU under a real load: four Chromium participants on the real twilio-video SDK, each
// publishing 640x480 video and audio in one group room and subscribed to the other three. The CPU the
// emulator's server process spends, per forwarded packet, beside a bare UDP relay forwarding the same
// packet rate, measured in the same run. See README.md, section 9.
//
// node bench/sfu-load.mjs [--quick] [--seconds N] [--profile DIR] [--cli FILE]   (needs a built
// emulator, Chromium, and root for the network namespace WebRTC runs in; --profile writes the server's
// CPU profile to DIR; --cli measures another build's bin/roomlab.js, for a before/after comparison)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { machine, num, table } from './report.mjs';

const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const seconds = Number(argument('--seconds') ?? (quick ? 5 : 10));
const rounds = quick ? 1 : 2;
const profile = argument('--profile');
const cli = argument('--cli');
if (
  !(seconds > 0) ||
  (process.argv.includes('--profile') && !profile) ||
  (process.argv.includes('--cli') && !existsSync(cli ?? ''))
) {
  console.error(
    'usage: node bench/sfu-load.mjs [--quick] [--seconds N > 0] [--profile DIR] [--cli path/to/bin/roomlab.js]',
  );
  process.exit(2);
}
/** The goal: the SFU takes at most this share of one core. */
const goalPercent = 25;

/** The counters a window's growth is taken of. */
const counted = [
  'packetsSent',
  'bytesSent',
  'packetsReceived',
  'bytesReceived',
  'headerBytesReceived',
  'packetsLost',
  'framesEncoded',
  'framesDecoded',
];

/**
 * Every page's streams, each with how much its counters grew over the SFU's windows (`grew`), over how
 * many seconds, and its last resolution and limitation.
 */
function streamDeltas(windows) {
  const sums = new Map();
  for (const { before, after } of windows) {
    for (const [page, view] of after.entries()) {
      for (const stream of view.streams) {
        const earlier = before[page].streams.find((s) => s.type === stream.type && s.ssrc === stream.ssrc);
        const key = `${page} ${stream.type} ${stream.ssrc}`;
        const sum = sums.get(key) ?? { grew: {}, seconds: 0 };
        sum.seconds += (view.at - before[page].at) / 1000;
        for (const name of counted.filter((name) => name in stream))
          sum.grew[name] = (sum.grew[name] ?? 0) + stream[name] - (earlier?.[name] ?? 0);
        sums.set(key, { ...stream, page, grew: sum.grew, seconds: sum.seconds });
      }
    }
  }
  return [...sums.values()];
}

const total = (streams, name) => streams.reduce((sum, stream) => sum + (stream.grew[name] ?? 0), 0);
const sumOf = (windows, name) => windows.reduce((sum, window) => sum + window[name], 0);

/** The rows of the CPU table: the idle server, the server under load, the relay. */
function cpuRows(result, streams) {
  const sfu = result.windows.filter((window) => window.kind === 'sfu');
  const relay = result.windows.filter((window) => window.kind === 'relay');
  const seconds = (windows) => sumOf(windows, 'wallMs') / 1000;
  const percent = (windows) => (100 * sumOf(windows, 'cpuMs')) / sumOf(windows, 'wallMs');
  const perSecond = (count, windows) => num(count / seconds(windows));
  const inbound = streams.filter((stream) => stream.type === 'inbound-rtp');
  const received = total(
    streams.filter((stream) => stream.type === 'outbound-rtp'),
    'packetsSent',
  );
  const forwarded = total(inbound, 'packetsReceived');
  const forwardedBits = 8 * (total(inbound, 'bytesReceived') + total(inbound, 'headerBytesReceived'));
  const relayForwarded = sumOf(relay, 'forwarded');
  const relayBytes = relay[0]?.rate.bytes ?? 0;
  const perPacket = (sumOf(sfu, 'cpuMs') * 1000) / forwarded;
  const relayPerPacket = (sumOf(relay, 'cpuMs') * 1000) / relayForwarded;
  const idle = result.idle;
  return [
    [
      'roomlab server, idle (before anyone joins)',
      num(percent([idle]), 1),
      '0',
      '0',
      '',
      perSecond(idle.udpDrops, [idle]),
      '',
      '',
      '',
    ],
    [
      'roomlab server: SFU, 4 participants',
      num(percent(sfu), 1),
      perSecond(received, sfu),
      perSecond(forwarded, sfu),
      num(forwardedBits / seconds(sfu) / 1e6, 2),
      perSecond(sumOf(sfu, 'udpDrops'), sfu),
      num(perPacket, 1),
      `${num(perPacket / relayPerPacket, 1)}×`,
      `≤ ${goalPercent}% ${percent(sfu) <= goalPercent ? '✓' : '✗'}`,
    ],
    [
      `reference: bare UDP relay, ${relayBytes} B datagrams`,
      num(percent(relay), 1),
      num(relay.reduce((sum, window) => sum + window.rate.packetsPerSecond, 0) / relay.length),
      perSecond(relayForwarded, relay),
      num((relayForwarded * relayBytes * 8) / seconds(relay) / 1e6, 2),
      perSecond(sumOf(relay, 'udpDrops'), relay),
      num(relayPerPacket, 1),
      '1.0×',
      '',
    ],
  ];
}

const size = (stream) => (stream.frameWidth ? `${stream.frameWidth}x${stream.frameHeight}` : 'none');
const kbps = (stream, name) => num(((stream.grew[name] ?? 0) * 8) / stream.seconds / 1000);
const fps = (stream, name) => num((stream.grew[name] ?? 0) / stream.seconds, 1);

/** What each page sent, and the video it received from each of the others. */
function pageRows(streams, participants) {
  return Array.from({ length: participants }, (_, page) => {
    const mine = streams.filter((stream) => stream.page === page);
    const find = (type, kind) => mine.filter((stream) => stream.type === type && stream.kind === kind);
    const [video] = find('outbound-rtp', 'video');
    const [audio] = find('outbound-rtp', 'audio');
    const received = find('inbound-rtp', 'video');
    return [
      `p${page}`,
      video ? `${size(video)} ${fps(video, 'framesEncoded')} fps ${kbps(video, 'bytesSent')} kbps` : 'none',
      video?.qualityLimitationReason ?? '',
      audio ? kbps(audio, 'bytesSent') : 'none',
      received.map((stream) => `${size(stream)} ${fps(stream, 'framesDecoded')}`).join(', '),
      num(
        total(
          mine.filter((stream) => stream.type === 'inbound-rtp'),
          'packetsLost',
        ),
      ),
    ];
  });
}

chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
console.log(`roomlab bench, SFU load: ${machine()}${quick ? ', quick' : ''}\n`);
const began = performance.now();
const result = await runInNetworkNamespace(new URL('./sfu-load-scenario.mjs', import.meta.url).pathname, {
  env: {
    ROOMLAB_SFU_LOAD_WINDOW_MS: String(seconds * 1000),
    ROOMLAB_SFU_LOAD_ROUNDS: String(rounds),
    ROOMLAB_SFU_LOAD_WARM_UP_MS: quick ? '2000' : '5000',
    ROOMLAB_SFU_LOAD_IDLE_MS: quick ? '1000' : '3000',
    ROOMLAB_SFU_LOAD_PROFILE: profile ? resolve(profile) : undefined,
    ROOMLAB_SFU_LOAD_CLI: cli ? resolve(cli) : undefined,
  },
  timeoutMs: 180_000 + rounds * seconds * 2000,
});
if (result.error) {
  console.error(`the scenario failed: ${result.error}`);
  process.exit(1);
}
const streams = streamDeltas(result.windows.filter((window) => window.kind === 'sfu'));
console.log(
  `${result.participants} pages of real twilio-video in Chromium, one group room, each publishing a camera` +
    ` (${result.camera.width}x${result.camera.height}, ${result.camera.frameRate} fps asked) and a microphone,` +
    ` subscribed to the others;\n   ${rounds} window${rounds > 1 ? 's' : ''} of ${seconds} s each for the server and for the relay,` +
    ' alternating. CPU: user + system time of the process, every thread, from /proc.\n',
);
table(
  [
    'process',
    'CPU % of a core',
    'packets in/s',
    'forwarded/s',
    'Mbit/s out',
    'kernel drops/s',
    'CPU µs per forwarded packet',
    'vs relay',
    'goal',
  ],
  cpuRows(result, streams),
);
console.log(
  '\nWhat each page sent (its camera) and received (frames decoded per second, from each of the others):\n',
);
table(
  ['page', 'camera sent', 'limited by', 'audio kbps', 'video received: size fps', 'packets lost'],
  pageRows(streams, result.participants),
);
console.log(`\ndone in ${num((performance.now() - began) / 1000, 1)} s; ${machine()}`);
