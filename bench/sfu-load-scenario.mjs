// Runs inside the network namespace sfu-load.mjs makes (the only place WebRTC may flow): roomlab's CLI
// in a process of its own (sfu-load-server.mjs), four Chromium pages on the real twilio-video SDK, each
// publishing its camera (640x480) and microphone in one group room and subscribed to the other three,
// and the reference relay (sfu-load-relay.mjs). Prints one JSON line: what each window measured.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintAccessToken } from '@roomlab/core';
import { launchChromium, serveStatic } from '@roomlab/test-harness';
import { startRelay } from './sfu-load-relay.mjs';
import { cpuTimeMs, startCli } from './sfu-load-server.mjs';

const participants = 4;
const camera = { width: 640, height: 480, frameRate: 24 };
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const windowMs = env('ROOMLAB_SFU_LOAD_WINDOW_MS', 10_000);
const rounds = env('ROOMLAB_SFU_LOAD_ROUNDS', 2);
const warmUpMs = env('ROOMLAB_SFU_LOAD_WARM_UP_MS', 5000);
const idleMs = env('ROOMLAB_SFU_LOAD_IDLE_MS', 3000);
const profileDir = process.env.ROOMLAB_SFU_LOAD_PROFILE;
const framesTimeoutMs = 60_000;

// twilio-video is the emulator's dependency: served from there, the bench needs no copy of its own.
const fromEmulator = createRequire(createRequire(import.meta.url).resolve('@roomlab/emulator/package.json'));

/**
 * Datagrams the namespace's kernel dropped so far because a socket's receive buffer was full (its
 * `Udp: RcvbufErrors` in /proc/net/snmp): what a process too slow to read loses.
 */
function udpDrops() {
  const [names, values] = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('Udp:'))
    .map((line) => line.split(/\s+/));
  return Number(values[names.indexOf('RcvbufErrors')]);
}

/** A process's CPU time, the wall time and the datagrams dropped over `ms` (times in ms). */
async function cpuOver(pid, ms) {
  const cpu = cpuTimeMs(pid);
  const drops = udpDrops();
  const start = performance.now();
  await sleep(ms);
  return { cpuMs: cpuTimeMs(pid) - cpu, wallMs: performance.now() - start, udpDrops: udpDrops() - drops };
}

/** Creates the group room through REST, as an app would. */
async function createRoom({ url, credentials }) {
  const { accountSid, authToken } = credentials;
  const response = await fetch(`${url}/v1/Rooms`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ Type: 'group', UniqueName: 'sfu-load' }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/Rooms answered ${response.status}`);
}

/** Opens one page per participant and connects each to the room. */
async function joinAll({ browser, origin, server }) {
  const pages = await Promise.all(Array.from({ length: participants }, () => browser.newPage()));
  for (const [index, page] of pages.entries()) {
    await page.goto(origin);
    const token = await mintAccessToken({ ...server.credentials, identity: `p${index}`, now: Date.now() });
    const options = { wsServer: server.signalingUrl, name: 'sfu-load', audio: true, video: camera };
    await page.evaluate(([jwt, more]) => window.join(jwt, more), [token, options]);
  }
  return pages;
}

const snapshot = (pages) => Promise.all(pages.map((page) => page.evaluate(() => window.rtp())));

/** Whether every page decodes video from each of the others. */
const allDecoding = (views) =>
  views.every(
    ({ streams }) =>
      streams.filter((s) => s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0).length ===
      participants - 1,
  );

async function waitForFrames(pages) {
  const deadline = Date.now() + framesTimeoutMs;
  while (!allDecoding(await snapshot(pages))) {
    if (Date.now() > deadline)
      throw new Error(`not every page decoded the others' video in ${framesTimeoutMs} ms`);
    await sleep(250);
  }
}

/** One window of the SFU under load: its CPU, and every page's RTP counters before and after. */
async function sfuWindow(pages, pid) {
  const before = await snapshot(pages);
  const cpu = await cpuOver(pid, windowMs);
  return { kind: 'sfu', ...cpu, before, after: await snapshot(pages) };
}

/** Packets per second and mean RTP packet size (header and payload) the SFU received in a window (what the pages sent). */
function receivedRate({ before, after, wallMs }) {
  let packets = 0;
  let bytes = 0;
  for (const [index, view] of after.entries()) {
    for (const stream of view.streams.filter((s) => s.type === 'outbound-rtp')) {
      const earlier = before[index].streams.find((s) => s.ssrc === stream.ssrc && s.type === stream.type);
      packets += stream.packetsSent - (earlier?.packetsSent ?? 0);
      bytes +=
        stream.bytesSent +
        stream.headerBytesSent -
        (earlier ? earlier.bytesSent + earlier.headerBytesSent : 0);
    }
  }
  return { packetsPerSecond: (packets * 1000) / wallMs, bytes: Math.round(bytes / packets) };
}

/** One window of the relay fed the SFU's last measured rate (the pages keep sending meanwhile). */
async function relayWindow(relay, rate) {
  relay.feed(rate);
  await sleep(500); // its first packets settle, as the SFU's window starts on a running load
  const forwarded = await relay.forwarded();
  const cpu = await cpuOver(relay.pid, windowMs);
  const after = await relay.forwarded();
  relay.stop();
  return { kind: 'relay', ...cpu, rate, forwarded: after - forwarded };
}

const result = { participants, camera, windows: [], idle: null, error: null };
const resources = [];
try {
  const files = {
    '/': new URL('./sfu-load-page.html', import.meta.url).pathname,
    '/twilio-video.js': fromEmulator.resolve('twilio-video/dist/twilio-video.js'),
  };
  const site = await serveStatic({ files });
  resources.push(site);
  const nodeOptions = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const cli = await startCli({ nodeOptions });
  resources.push(cli);
  const server = { ...cli, signalingUrl: `${cli.url.replace(/^http/, 'ws')}/signaling` };
  result.idle = await cpuOver(cli.pid, idleMs);
  await createRoom(server);
  const background = ['--disable-renderer-backgrounding', '--disable-background-timer-throttling'];
  const browser = await launchChromium({ media: true, args: background });
  resources.push(browser);
  const pages = await joinAll({ browser, origin: site.origin, server });
  await waitForFrames(pages);
  await sleep(warmUpMs);
  const relay = await startRelay({ fanOut: participants - 1 });
  resources.push(relay);
  for (let round = 0; round < rounds; round++) {
    const sfu = await sfuWindow(pages, cli.pid);
    result.windows.push(sfu);
    result.windows.push(await relayWindow(relay, receivedRate(sfu)));
  }
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  // Each is closed whatever the others do; a failure to close is reported, as the run's error.
  for (const resource of resources.reverse()) {
    try {
      await resource.close();
    } catch (error) {
      result.error ??= `closing: ${error?.stack ?? error}`;
    }
  }
  console.log(JSON.stringify(result));
}
