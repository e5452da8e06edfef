// The measured process of the SFU CPU bench: roomlab's emulator with its SFU (werift, ICE on 127.0.0.1
// only) and its disk media storage, one group room, and nothing else. Its own CPU time is what
// `process.cpuUsage()` reports, so the publishers and the subscriber live in the parent process.
//
// The parent drives it over the IPC channel: requests `{ id, type, ... }` answered `{ id, ... }` (or
// `{ id, error }`), and the SFU's messages to each client passed on as `{ type: 'signal', sessionId, body }`.
// Participants and their tracks go into the room through the engine (no SDK signaling socket); the
// RecordingRules change through the REST API, so recordings start and stop exactly as for an app.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEmulator, createSfu, diskMediaStorage } from '@roomlab/emulator';
import { restClient } from './rest.mjs';

/** ICE on 127.0.0.1 only: the only candidate, and the address its sockets are bound to. */
const loopback = {
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
};

let sfu;
const emulator = createEmulator({
  sfu: (options) => {
    sfu = createSfu({ ...options, ice: loopback });
    return sfu;
  },
  mediaStorage: diskMediaStorage(),
});
const { accountSid } = emulator.credentials;
const rest = restClient(emulator).json;

const room = await rest('POST', '/v1/Rooms', { Type: 'group', UniqueName: 'sfu-cpu-bench' });
const roomRef = { accountSid, room: room.sid };
/** Every published track's MT SID. */
const trackSids = [];

/** A participant whose peer connection publishes `tracks` ({ clientTrackId, kind, name }). */
function join({ sessionId, tracks }) {
  const participant = emulator.engine.connectParticipant(roomRef, { identity: sessionId });
  const sids = new Map();
  for (const track of tracks) {
    const published = emulator.engine.publishTrack(
      { ...roomRef, participant: participant.sid },
      { kind: track.kind, name: track.name },
    );
    sids.set(track.clientTrackId, published.sid);
    trackSids.push(published.sid);
  }
  sfu.join(sessionId, {
    send: (body) => process.send({ type: 'signal', sessionId, body }),
    trackSidOf: (clientTrackId) => sids.get(clientTrackId),
    roomSid: room.sid,
    others: () => [],
    features: new Set(),
  });
  return {};
}

/** This process's CPU time over `ms` of wall time, in ms. */
async function measure({ ms }) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await sleep(ms);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, userMs: used.user / 1000, systemMs: used.system / 1000 };
}

/** The room's recordings once none is processing any more (at most `timeoutMs` later). */
async function recordings({ timeoutMs }) {
  const list = () => emulator.engine.listRecordings({ accountSid }, { roomSid: room.sid });
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (!list().some((recording) => recording.status === 'processing')) break;
    await sleep(100);
  }
  const fields = ({ kind, status, codec, containerFormat, duration, size, failure }) => ({
    kind,
    status,
    codec,
    containerFormat,
    duration,
    size,
    failure,
  });
  return { list: list().map(fields) };
}

/** Stops everything; the process ends once its answer is sent and the channel closed. */
async function close() {
  sfu.close();
  emulator.close();
  await emulator.mediaStorage.close();
}

const requests = {
  join,
  describe: ({ sessionId, description }) => sfu.describe(sessionId, 'pc-1', description),
  subscribeAll: ({ sessionId }) => sfu.subscribe(sessionId, trackSids),
  recordingRules: ({ rules }) =>
    rest('POST', `/v1/Rooms/${room.sid}/RecordingRules`, { Rules: JSON.stringify(rules) }),
  measure,
  recordings,
  close,
};

process.on('message', async ({ id, type, ...args }) => {
  let answer;
  try {
    answer = { id, ...(await requests[type](args)) };
  } catch (error) {
    answer = { id, error: String(error?.stack ?? error) };
  }
  process.send(answer, () => {
    if (type === 'close') process.disconnect();
  });
});
process.send({ type: 'ready' });
