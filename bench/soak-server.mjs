// The soak's server: `startServer({ port: 0, media: false })` in a process of its own (run with
// --expose-gc), so that its heap, RSS, file descriptors and timers are the emulator's alone. Its one
// argument is JSON: `{ keepCompletedRooms }` (a retention for ended rooms; the default without one).
// It posts { url, signalingUrl, credentials, bounds } once listening (bounds: how many events, ended
// rooms and delivered callbacks it keeps at most), answers 'figures' with what it holds now (after a
// full garbage collection; and the engine's rooms, events and callback records, which grow with use,
// and how many lines it logged), 'held' with what its signaling keeps (sessions, participants, rooms),
// 'timers' with each live timer, and closes on 'close'.
import { createHook } from 'node:async_hooks';
import { readdirSync } from 'node:fs';
import { consoleLogger, defaultEventLogCapacity } from '@roomlab/core';
import { defaultDeliveryLogCapacity, startServer } from '@roomlab/emulator';

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

/** The console, counting: a line logged (a forgotten callback, a failure) is a figure of the soak. */
let logged = 0;
const logger = {
  error: (message, cause) => {
    logged += 1;
    consoleLogger.error(message, cause);
  },
  warn: (message, cause) => {
    logged += 1;
    consoleLogger.warn(message, cause);
  },
};

const { keepCompletedRooms } = JSON.parse(process.argv[2] ?? '{}');
const retention =
  keepCompletedRooms === undefined ? {} : { retention: { completedRoomsPerAccount: keepCompletedRooms } };
const running = await startServer({ port: 0, media: false, logger, ...retention });

/** What the emulator keeps that grows with use: the engine's rooms, its event log, callback records. */
const kept = () => {
  const { engine, statusCallbacks, credentials } = running.emulator;
  const account = { accountSid: credentials.accountSid };
  const [inProgress, endedRooms] = ['in-progress', 'completed'].map(
    (status) => engine.listRooms(account, { status }).length,
  );
  const deliveries = statusCallbacks.deliveries();
  return {
    engineRooms: inProgress + endedRooms,
    endedRooms,
    events: engine.events().length,
    callbackRecords: deliveries.length,
    callbacksDelivered: deliveries.filter((delivery) => delivery.state === 'delivered').length,
  };
};

const figures = () => {
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss, fds: readdirSync('/proc/self/fd').length, timers: timers.size, logged, ...kept() };
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
    bounds: {
      events: defaultEventLogCapacity,
      endedRooms: running.emulator.engine.retention().completedRoomsPerAccount,
      callbacksDelivered: defaultDeliveryLogCapacity,
    },
  },
});
