// 3. The SFU's extra CPU per recorded track.
//
// roomlab's emulator and SFU run in a child process (sfu-process.mjs) and nothing else does there.
// This process holds `participants` werift publishers, each sending one audio and one video track of a
// real clip (rtp-clip.mjs) in real time, and one werift subscriber that receives every track; all peer
// connections gather 127.0.0.1 only, so the media goes over loopback UDP, DTLS-SRTP as in a browser.
// With that load unchanged, the room's RecordingRules switch between excluding everything (forwarding
// only: the reference) and including one kind, and the child's CPU time is measured in each phase.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { makeClips } from './rtp-clip.mjs';

/**
 * The clients' peer connections: candidates of 127.0.0.1 only, sockets bound there, and one transport
 * for all m-lines as the SDK bundles them (werift leaves a socket open per unbundled m-line otherwise).
 */
const clientConfig = {
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
  bundlePolicy: 'max-bundle',
};

export const phases = [
  { name: 'forwarding only', recorded: undefined, rules: [{ type: 'exclude', all: true }] },
  { name: 'audio recorded', recorded: 'audio', rules: [{ type: 'include', kind: 'audio' }] },
  { name: 'video recorded', recorded: 'video', rules: [{ type: 'include', kind: 'video' }] },
];

/**
 * The child's requests as promises (all rejected if it exits first); its SFU's messages to a client go
 * to `clients.get(sessionId)`.
 */
function connectChild(child, clients) {
  let nextId = 0;
  const pending = new Map();
  const ready = new Promise((resolve, reject) => pending.set('ready', { resolve, reject }));
  child.on('message', (message) => {
    if (message.type === 'signal') return clients.get(message.sessionId)?.(message.body);
    const waiter = pending.get(message.type === 'ready' ? 'ready' : message.id);
    pending.delete(message.type === 'ready' ? 'ready' : message.id);
    if (message.error) waiter?.reject(new Error(`sfu process: ${message.error}`));
    else waiter?.resolve(message);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`the sfu process exited (${code ?? signal}) before it answered`));
    pending.clear();
  });
  const request = (type, args = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, type, ...args });
    });
  return { ready, request };
}

/** Throws if a description offers any ICE candidate but 127.0.0.1: nothing may leave the machine. */
function requireLoopback(sdp) {
  for (const [line] of sdp.matchAll(/^a=candidate:.*$/gm))
    if (line.split(' ')[4] !== '127.0.0.1') throw new Error(`a candidate off loopback: ${line}`);
}

async function until(condition, what, timeoutMs = 15_000) {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A werift client in the room: answers the SFU's offers, as the SDK does; its failures go to `problems`. */
async function joinClient({ sessionId, pc, tracks, request, clients, problems }) {
  let work = Promise.resolve();
  clients.set(sessionId, (body) => {
    const description = body.peer_connections?.[0]?.description;
    if (!description?.sdp) return;
    work = work
      .then(async () => {
        requireLoopback(description.sdp);
        await pc.setRemoteDescription({ type: description.type, sdp: description.sdp });
        if (description.type !== 'offer') return;
        await pc.setLocalDescription(await pc.createAnswer());
        const answer = { type: 'answer', revision: description.revision, sdp: pc.localDescription.sdp };
        await request('describe', { sessionId, description: answer });
      })
      .catch((error) => problems.push(new Error(`${sessionId}: ${description.type} ${error.message}`)));
  });
  await request('join', { sessionId, tracks });
  await pc.setLocalDescription(await pc.createOffer());
  requireLoopback(pc.localDescription.sdp);
  const offer = { type: 'offer', revision: 1, sdp: pc.localDescription.sdp };
  await request('describe', { sessionId, description: offer });
  await until(() => pc.connectionState === 'connected' || problems.length > 0, `${sessionId} to connect`);
}

async function publisher(index, context) {
  const pc = new RTCPeerConnection(clientConfig);
  const sessionId = `publisher-${index}`;
  const tracks = [];
  const sending = [];
  for (const kind of ['audio', 'video']) {
    const track = new MediaStreamTrack({ kind });
    const { sender } = pc.addTransceiver(track, { direction: 'sendonly' });
    sender.streamId = sessionId;
    tracks.push({ clientTrackId: sender.trackId, kind, name: `${sessionId}-${kind}` });
    sending.push({ track, kind });
  }
  await joinClient({ sessionId, pc, tracks, ...context });
  return { pc, sending };
}

/** Receives every track; counts the packets that reach it. */
async function subscriber(context) {
  const pc = new RTCPeerConnection(clientConfig);
  // Receiving m-lines first, as the SDK offers them. Marked used so that werift does not take them over
  // for the forwarded tracks the SFU offers later (the SFU answers them inactive).
  for (const kind of ['audio', 'video'])
    pc.addTransceiver(kind, { direction: 'recvonly' }).usedForSender = true;
  const received = { packets: 0, tracks: 0 };
  pc.onTrack.subscribe((track) => {
    received.tracks++;
    track.onReceiveRtp.subscribe(() => received.packets++);
  });
  await joinClient({ sessionId: 'subscriber', pc, tracks: [], ...context });
  await context.request('subscribeAll', { sessionId: 'subscriber' });
  return { pc, received };
}

/** Sends each track's clip in real time, looped, every 10 ms what is due; returns the stop. */
function replay(sending, clips) {
  const start = performance.now();
  const states = sending.map(({ track, kind }) => ({ track, clip: clips[kind], next: 0, loop: 0, seq: 0 }));
  const timer = setInterval(() => {
    const now = performance.now() - start;
    for (const state of states) {
      const { packets, clockRate } = state.clip;
      for (;;) {
        const packet = packets[state.next];
        if (state.loop * clips.lengthMs + packet.atMs > now) break;
        const loopTicks = (state.loop * clips.lengthMs * clockRate) / 1000;
        const header = new RtpHeader({
          sequenceNumber: state.seq++ & 0xffff,
          timestamp: (loopTicks + packet.timestamp) >>> 0,
          marker: packet.marker,
          payloadType: 96,
        });
        state.track.writeRtp(new RtpPacket(header, packet.payload));
        state.next++;
        if (state.next === packets.length) {
          state.next = 0;
          state.loop++;
        }
      }
    }
  }, 10);
  return () => clearInterval(timer);
}

/** Asks the child to close and waits for it to exit; kills it if it does not within 10 s. */
async function closeChild(child, request) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.connected) await request('close');
  const timeout = sleep(10_000, 'timeout', { ref: false });
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    console.error('the sfu process did not exit after closing: killed');
    child.kill('SIGKILL');
  }
}

/**
 * Runs the bench: `rounds` of every phase, each measured for `phaseMs` after `settleMs` (recordings
 * start at a keyframe, and stopped ones finish their files). Answers per phase each round's CPU time,
 * wall time and forwarded packets per second, and the recordings made (the warm-up's too).
 */
export async function benchSfuCpu({ ffmpeg, participants, rounds, phaseMs, settleMs }) {
  const clips = await makeClips(ffmpeg, 4);
  const clients = new Map();
  const problems = [];
  const child = fork(new URL('./sfu-process.mjs', import.meta.url), { stdio: 'inherit' });
  const { ready, request } = connectChild(child, clients);
  const stops = [];
  const peers = [];
  try {
    await ready;
    const context = { request, clients, problems };
    for (let i = 0; i < participants; i++) peers.push(await publisher(i, context));
    const sub = await subscriber(context);
    peers.push(sub);
    stops.push(
      replay(
        peers.flatMap((peer) => peer.sending ?? []),
        clips,
      ),
    );
    const trackCount = participants * 2;
    await until(
      () => sub.received.tracks === trackCount || problems.length > 0,
      'every track to be forwarded',
    );
    const results = phases.map((phase) => ({ phase, rounds: [] }));
    // Round -1 is a warm-up, not kept: the recording path compiled, the recordings directory made and
    // the first phase's garbage collected before anything counts (the first phase measured came out a
    // third higher without it).
    for (let round = -1; round < rounds; round++)
      // Each round starts one phase later, so a drift in the machine's load falls on every phase alike.
      for (let i = 0; i < results.length; i++) {
        const result = results[(round + 1 + i) % results.length];
        await request('recordingRules', { rules: result.phase.rules });
        await sleep(settleMs);
        const packetsBefore = sub.received.packets;
        const cpu = await request('measure', { ms: phaseMs });
        const forwarded = (sub.received.packets - packetsBefore) / (cpu.wallMs / 1000);
        if (problems.length > 0) throw problems[0];
        if (round >= 0) result.rounds[round] = { ...cpu, forwardedPerSecond: forwarded };
      }
    await request('recordingRules', { rules: phases[0].rules });
    const { list: recordings } = await request('recordings', { timeoutMs: 30_000 });
    return { clips, trackCount, results, recordings };
  } finally {
    for (const stop of stops) stop();
    await Promise.all(peers.map((peer) => peer.pc.close()));
    await closeChild(child, request);
  }
}
