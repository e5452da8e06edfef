// Signaling at scale: 200 scripted participants (real room signaling over WebSockets, no media) join one
// large group room, then one participant event (a publication, an unpublication, a join, a leave) is
// timed until it has reached every other participant's client.
//
// The reference, measured in the same run with the same number of sockets: a bare `ws` server
// (signaling-worker.mjs 'bare') that welcomes each socket and fans one frame of the same size out to
// every other socket, serialized once. Both servers run in a worker thread of their own; the clients
// share this thread. Run alone with `node bench/signaling.mjs [--quick]`, or from run.mjs.
import { performance } from 'node:perf_hooks';
import { mintAccessToken } from '@roomlab/core';
import { connectScripted } from '@roomlab/emulator';
import { WebSocket } from 'ws';
import { machine, num, table } from './report.mjs';
import { serverInWorker } from './worker-server.mjs';

const roomName = 'bench-large-room';
const waitMs = 60_000;
const eventKinds = ['publication', 'unpublication', 'join', 'leave'];

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const frameSize = (body) => Buffer.byteLength(JSON.stringify({ type: 'msg', body }));

/** Starts a server ('bare' or 'roomlab') in a worker thread; resolves with what it says, and `close`. */
const serverInThread = (kind) => serverInWorker(new URL('./signaling-worker.mjs', import.meta.url), { kind });

// ---- roomlab -----------------------------------------------------------------------------------------

async function createLargeRoom({ url, credentials }) {
  const response = await fetch(`${url}/v1/Rooms`, {
    method: 'POST',
    headers: {
      authorization: basic(credentials.accountSid, credentials.authToken),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: `UniqueName=${roomName}&Type=group&LargeRoom=true&MaxParticipants=1000`,
  });
  if (response.status !== 201) throw new Error(`creating the room answered ${response.status}`);
}

/**
 * Times one event from `act()` until `seen(client)` holds for every client in `watchers`. Every
 * watcher is listening before the event starts. Returns each watcher's delay in ms.
 */
async function spread(watchers, seen, act) {
  const delays = [];
  const start = performance.now();
  const arrived = watchers.map((client) =>
    client.waitFor(() => seen(client), waitMs).then(() => delays.push(performance.now() - start)),
  );
  await act();
  await Promise.all(arrived);
  return delays;
}

const hasTrack = (client, sid, name) =>
  client.participants.get(sid)?.tracks.some((track) => track.name === name) ?? false;
const hasIdentity = (client, identity) =>
  [...client.participants.values()].some((participant) => participant.identity === identity);

/**
 * `participants` scripted participants join one large room; `event(kind, round)` then times one event
 * of that kind until it has reached every other client (each pair in turn: a publication and its
 * unpublication, a join and its leave).
 */
async function roomlabRoom({ participants }) {
  const server = await serverInThread('roomlab');
  const clients = [];
  const close = async () => {
    await Promise.all(clients.map((client) => client.disconnect()));
    await server.close();
  };
  try {
    await createLargeRoom(server);
    const token = (identity) => mintAccessToken({ ...server.credentials, identity, room: roomName });
    const tokens = await Promise.all(Array.from({ length: participants }, (_, i) => token(`bot-${i}`)));
    const began = performance.now();
    clients.push(...(await Promise.all(tokens.map((each) => connectScripted(server.signalingUrl, each)))));
    const all = clients.map((client) =>
      client.waitFor(() => client.participants.size === participants - 1, waitMs),
    );
    await Promise.all(all);
    const joinMs = performance.now() - began;
    const joinSize = frameSize(clients[0].received.at(-1));

    let joiner;
    const steps = {
      publication: (publisher, others, round) =>
        spread(
          others,
          (c) => hasTrack(c, publisher.sid, `camera-${round}`),
          () => publisher.publish({ kind: 'video', name: `camera-${round}` }),
        ),
      unpublication: (publisher, others, round) =>
        spread(
          others,
          (c) => !hasTrack(c, publisher.sid, `camera-${round}`),
          () => publisher.unpublish(`camera-${round}`),
        ),
      join: async (_, __, round) => {
        const joinerToken = await token(`joiner-${round}`);
        return spread(
          clients,
          (c) => hasIdentity(c, `joiner-${round}`),
          async () => {
            joiner = await connectScripted(server.signalingUrl, joinerToken);
          },
        );
      },
      leave: (_, __, round) =>
        spread(
          clients,
          (c) => !hasIdentity(c, `joiner-${round}`),
          () => joiner.disconnect(),
        ),
    };
    const sizes = { join: joinSize };
    const event = async (kind, round) => {
      const publisher = clients[round % participants];
      const others = clients.filter((client) => client !== publisher);
      const delays = await steps[kind](publisher, others, round);
      sizes[kind] ??= frameSize(others[0].received.at(-1));
      return delays;
    };
    return { joinMs, sizes, event, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// ---- the bare ws reference -------------------------------------------------------------------------------

/** A raw socket that says hello (fanning `joinSize` bytes out to the others) and counts what reaches it. */
function bareClient(url, joinSize) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const client = { socket, announced: 0, received: 0, listeners: new Set() };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', version: 2, fanOut: joinSize })));
    socket.on('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'welcome') {
        client.announced = frame.announced;
        resolve(client);
      } else client.received += 1;
      for (const listener of [...client.listeners]) listener();
    });
  });
}

/** Resolves with the delay at which each client in `watchers` has received one more frame than now. */
function nextFrame(watchers, start) {
  return Promise.all(
    watchers.map(
      (client) =>
        new Promise((resolve) => {
          const target = client.received + 1;
          const listener = () => {
            if (client.received < target) return;
            client.listeners.delete(listener);
            resolve(performance.now() - start);
          };
          client.listeners.add(listener);
        }),
    ),
  );
}

/** The same for the bare ws server: `participants` sockets, then one fanned-out frame per event. */
async function bareRoom({ participants, sizes }) {
  const server = await serverInThread('bare');
  const clients = [];
  const close = async () => {
    for (const client of clients) client.socket.close();
    await server.close();
  };
  try {
    const began = performance.now();
    const sockets = Array.from({ length: participants }, () => bareClient(server.url, sizes.join));
    clients.push(...(await Promise.all(sockets)));
    // Each hello reaches every socket open at that moment; its welcome says how many that was.
    const sum = (field) => clients.reduce((total, client) => total + client[field], 0);
    await new Promise((resolve) => {
      const check = () => sum('received') === sum('announced') && resolve();
      for (const client of clients) client.listeners.add(check);
      check();
    });
    for (const client of clients) client.listeners.clear();
    const joinMs = performance.now() - began;
    const event = async (kind, round) => {
      const sender = clients[round % participants];
      const start = performance.now();
      const arrived = nextFrame(
        clients.filter((client) => client !== sender),
        start,
      );
      sender.socket.send(JSON.stringify({ fanOut: sizes[kind] }));
      return arrived;
    };
    return { joinMs, event, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// ---- report ----------------------------------------------------------------------------------------------

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
};

export async function benchSignaling({ quick = false } = {}) {
  const participants = 200;
  const rounds = quick ? 3 : 10;
  const roomlab = await roomlabRoom({ participants });
  const bare = await bareRoom({ participants, sizes: roomlab.sizes }).catch(async (error) => {
    await roomlab.close();
    throw error;
  });
  const none = () => Object.fromEntries(eventKinds.map((kind) => [kind, []]));
  const delays = { roomlab: none(), bare: none() };
  try {
    // Interleaved, so that a change in the machine's load falls on both alike.
    for (let round = 0; round < rounds; round++) {
      for (const kind of eventKinds) {
        delays.roomlab[kind].push(...(await roomlab.event(kind, round)));
        delays.bare[kind].push(...(await bare.event(kind, round)));
      }
    }
  } finally {
    await roomlab.close();
    await bare.close();
  }
  console.log(
    `7. Signaling at scale: ${participants} scripted participants in one large group room (no media), ` +
      `${rounds} rounds of each event; reference: a bare ws server fanning the same-sized frame out\n`,
  );
  const rows = [
    ['join: all connected, each seeing all others (ms)', bare.joinMs, roomlab.joinMs, 5000],
    ...eventKinds.flatMap((kind) => {
      const r = summary(delays.roomlab[kind]);
      const b = summary(delays.bare[kind]);
      return [
        [`${kind} reaches everyone: p50 ms (${roomlab.sizes[kind]} B frame)`, b.p50, r.p50],
        [`${kind} reaches everyone: p99 ms`, b.p99, r.p99, 50],
        [`${kind} reaches everyone: max ms`, b.max, r.max],
      ];
    }),
  ];
  table(
    ['measure', 'bare ws', 'roomlab', 'ratio', 'goal'],
    rows.map(([label, reference, measured, goal]) => [
      label,
      num(reference, 1),
      num(measured, 1),
      `${num(measured / reference, 1)}×`,
      goal === undefined ? '' : `≤ ${goal}${measured <= goal ? ' ✓' : ' ✗'}`,
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`roomlab signaling bench: ${machine()}\n`);
  await benchSignaling({ quick: process.argv.includes('--quick') });
}
