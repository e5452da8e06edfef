// The soak's server: `startServer({ port: 0, media: false })` in a process of its own (run with
// --expose-gc), so that its heap, RSS, file descriptors and timers are the emulator's alone. It posts
// { url, signalingUrl, credentials } once listening, answers 'figures' with what it holds now (after a
// full garbage collection; and the engine's rooms, events and callback records, which grow with use), 'held' with what its signaling keeps (sessions, participants, rooms),
// 'timers' with each live timer, and closes on 'close'.
import { createHook } from 'node:async_hooks';
import { readdirSync } from 'node:fs';
import { startServer } from '@roomlab/emulator';

// Every timer, ref'd or not (process.getActiveResourcesInfo() lists only the ref'd ones): a leaked
// unref'd timer never keeps the process alive, but it still holds what its callback holds.
const timers = new Map();
createHook({
  init(id, type, _trigger, resource) {
    if (type === 'Timeout') timers.set(id, resource);
  },
  destroy(id) {
    timers.delete(id);
  },
}).enable();

/** A timer as `its delay: the start of its callback`, to tell whose it is. */
const describe = (timer) =>
  `${timer._idleTimeout} ms: ${String(timer._onTimeout).replace(/\s+/g, ' ').slice(0, 100)}`;

const running = await startServer({ port: 0, media: false });

/** What the emulator keeps that grows with use: the engine's rooms, its event log, callback records. */
const kept = () => {
  const { engine, statusCallbacks, credentials } = running.emulator;
  const account = { accountSid: credentials.accountSid };
  const rooms = ['in-progress', 'completed'].map((status) => engine.listRooms(account, { status }).length);
  return {
    engineRooms: rooms[0] + rooms[1],
    events: engine.events().length,
    callbackRecords: statusCallbacks.deliveries().length,
  };
};

const figures = () => {
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss, fds: readdirSync('/proc/self/fd').length, timers: timers.size, ...kept() };
};

process.on('message', async (message) => {
  if (message.type === 'figures') process.send({ id: message.id, figures: figures() });
  if (message.type === 'held') process.send({ id: message.id, held: running.emulator.signaling.held() });
  if (message.type === 'timers') process.send({ id: message.id, timers: [...timers.values()].map(describe) });
  if (message.type === 'close') {
    await running.close();
    process.disconnect();
  }
});
process.send({
  ready: {
    url: running.url,
    signalingUrl: running.signalingUrl,
    credentials: running.emulator.credentials,
  },
});
