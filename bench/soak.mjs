// The soak: roomlab's server under steady churn for 30 minutes (`--smoke`: about 2 minutes), to show
// that nothing it holds grows without bound and no status callback is lost.
//
// - The warm-up lasts until every bounded store is full: the event log, the record of delivered
//   callbacks and the ended rooms the engine keeps (its retention) have each reached their bound, so
//   what follows shows whether anything else grows. The full soak keeps the default retention (10,000
//   ended rooms); the smoke keeps 2,000, so that its short warm-up reaches that bound too.
//
// - The server runs in a child process of its own (soak-server.mjs), so its figures are its own:
//   heap used and RSS after a full garbage collection, open file descriptors, live timers.
// - 50 REST clients churn rooms (soak-load.mjs: create, fetch, list participants, list rooms, end);
//   20 scripted participants join rooms of their own and leave them (a third are removed over REST).
// - Every room's StatusCallback is a receiver that is down a third of the time (soak-receiver.mjs).
//   Each time it comes back up, the soak asks the control API to redeliver what failed, as a user
//   would; at the end it does so until nothing is left, then checks every room's SequenceNumbers.
//
// Pass: after the warm-up, heap and RSS grow less than 10% (the median of the last three samples over
// that of the first three, so that one sample caught mid-burst does not decide); once the load has
// stopped, file descriptors and timers return to their values before it; no callback is lost, and the
// server logged nothing (it would log a failed callback it had to forget).
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { machine, num, table } from './report.mjs';
import { restChurn, restClient, scriptedChurn } from './soak-load.mjs';
import { flakyReceiver } from './soak-receiver.mjs';

const smoke = process.argv.includes('--smoke');
// Warm-up: at least `minS`, then until every bound is reached, `maxS` at most. The load runs
// `loadS` after the warm-up (smoke) or until `totalS` from the start (the full 30 minutes).
const plan = smoke
  ? {
      warmup: { minS: 40, maxS: 240 },
      loadS: 60,
      sampleS: 10,
      cycleMs: 6000,
      stayMs: 200,
      keepCompletedRooms: 2000,
    }
  : { warmup: { minS: 180, maxS: 480 }, totalS: 1800, sampleS: 60, cycleMs: 30_000, stayMs: 1000 };
const retentionNote = smoke
  ? 'keeps 2,000 ended rooms (default 10,000), so that its short warm-up reaches that bound'
  : 'keeps the default 10,000 ended rooms';
const restClients = 50;
const scriptedParticipants = 20;
const settleMs = 30_000; // webhook attempts time out after 15 s; their timers go with them

/** The server in its own process, and a way to ask it for its figures. */
async function serverProcess() {
  const settings = JSON.stringify({ keepCompletedRooms: plan.keepCompletedRooms });
  const child = fork(new URL('./soak-server.mjs', import.meta.url), [settings], {
    execArgv: ['--expose-gc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.ready));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the soak server exited with ${code}`)));
  });
  let asked = 0;
  const ask = (type) =>
    new Promise((resolve) => {
      const id = ++asked;
      const answer = (message) => {
        if (message.id !== id) return;
        child.off('message', answer);
        resolve(message[type]);
      };
      child.on('message', answer);
      child.send({ type, id });
    });
  const figures = () => ask('figures');
  const close = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.send({ type: 'close' });
    });
  return { ...ready, figures, ask, close };
}

/** Redelivers failed callbacks until none are left or pending; returns how many were redelivered. */
async function redeliverAll(rest) {
  let total = 0;
  for (;;) {
    const pending = await rest.call('GET', '/_roomlab/status-callbacks?State=pending', undefined, 200);
    if ((pending?.status_callbacks.length ?? 0) > 0) {
      await sleep(500);
      continue;
    }
    const { redelivered } = await rest.call('POST', '/_roomlab/status-callbacks/redeliver', {}, 200);
    if (redelivered === 0) return total;
    total += redelivered;
  }
}

/** Rooms whose callbacks did not all arrive: a gap in SequenceNumbers, or no room-ended. */
function lostCallbacks(rooms, receiver) {
  let lost = 0;
  for (const sid of rooms) {
    const sequences = receiver.received.get(sid) ?? new Set();
    const last = Math.max(-1, ...sequences);
    if (!receiver.ended.has(sid) || sequences.size !== last + 1) lost += 1;
  }
  return lost;
}

/** Polls until file descriptors and timers are back to `start`, or `settleMs` has passed. */
async function settled(server, start) {
  const began = Date.now();
  for (;;) {
    const now = await server.figures();
    const back = now.fds <= start.fds && now.timers <= start.timers;
    if (back || Date.now() - began > settleMs) return { ...now, back, afterMs: Date.now() - began };
    await sleep(1000);
  }
}

const mb = (bytes) => num(bytes / 2 ** 20, 1);
const growth = (from, to) => `${num(((to - from) / from) * 100, 1)}%`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Heap or RSS after the warm-up and at the end: the median of the first three samples and of the last three. */
const ends = (samples, key) => [
  median(samples.slice(0, 3).map((row) => row[key])),
  median(samples.slice(-3).map((row) => row[key])),
];

/** The bounds not yet reached in `figures`, by name. */
const unreached = (bounds, figures) =>
  Object.entries(bounds)
    .filter(([key, bound]) => figures[key] < bound)
    .map(([key]) => key);

/** Waits out the warm-up: `minS`, then until every bound is reached (or `maxS`). Returns its last figures. */
async function warmUp(server, began) {
  await sleep(plan.warmup.minS * 1000);
  for (;;) {
    const figures = await server.figures();
    const left = unreached(server.bounds, figures);
    const over = Date.now() - began > plan.warmup.maxS * 1000;
    if (left.length === 0 || over) return { ...figures, left };
    await sleep(5000);
  }
}

/** The samples as a table: the server's own figures, and beside them what it keeps that grows with use. */
function printFigures(rows) {
  console.log(
    'Figures of the server process (heap and RSS after a full GC), sampled under load; beside them, what' +
      ' it keeps that grows with use (rooms in the engine, events in its log, status-callback records)' +
      ' and the lines it logged\n',
  );
  const header = ['when', 'heap MB', 'RSS MB', 'fds', 'timers', 'rooms ended', 'rooms/s', 'engine rooms'];
  // Rooms ended per second since the row before: how hard the load could push, which moves RSS. The
  // failures are counted from the start: a step between two rows says when they happened.
  const rate = (row, i) =>
    row.at && rows[i - 1]?.at
      ? num(((row.rooms - rows[i - 1].rooms) * 1000) / (row.at - rows[i - 1].at))
      : '';
  table(
    [...header, 'events', 'callback records', 'logged', 'failed: REST / visits'],
    rows.map((row, i) => [
      row.label,
      mb(row.heapUsed),
      mb(row.rss),
      String(row.fds),
      String(row.timers),
      String(row.rooms),
      rate(row, i),
      ...[row.engineRooms, row.events, row.callbackRecords, row.logged].map(String),
      row.failed ? `${row.failed.rest} / ${row.failed.visits}` : '',
    ]),
  );
  console.log('');
}

async function soak() {
  console.log(`roomlab soak${smoke ? ' (smoke)' : ''}: ${machine()}\n`);
  const server = await serverProcess();
  const bounds = Object.entries(server.bounds).map(([key, bound]) => `${key} ${bound}`);
  console.log(`The server keeps at most: ${bounds.join(', ')}; it ${retentionNote}.\n`);
  const rest = restClient(server);
  const rooms = new Set();
  let redeliveredOnUp = 0;
  const receiver = await flakyReceiver({
    cycleMs: plan.cycleMs,
    downFraction: 1 / 3,
    onUp: () => {
      rest.call('POST', '/_roomlab/status-callbacks/redeliver', {}, 200).then((answer) => {
        redeliveredOnUp += answer?.redelivered ?? 0;
      }, console.error);
    },
  });
  const start = await server.figures();
  let stop = false;
  const common = { rest, server, callbackUrl: receiver.url, rooms, stopped: () => stop, stayMs: plan.stayMs };
  const workers = [
    ...Array.from({ length: restClients }, (_, worker) => restChurn({ ...common, worker })),
    ...Array.from({ length: scriptedParticipants }, (_, worker) => scriptedChurn({ ...common, worker })),
  ];

  const began = Date.now();
  const warm = await warmUp(server, began);
  const warmS = Math.round((Date.now() - began) / 1000);
  if (warm.left.length > 0)
    console.log(`The warm-up ended at ${warmS} s without reaching: ${warm.left.join(', ')}`);
  const now = () => ({ rooms: rooms.size, at: Date.now(), failed: { ...rest.failures } });
  const samples = [{ label: `after warm-up, ${warmS} s`, ...warm, ...now() }];
  const sample = async (label) => samples.push({ label, ...(await server.figures()), ...now() });
  const endsAt = plan.totalS ? began + plan.totalS * 1000 : Date.now() + plan.loadS * 1000;
  while (Date.now() < endsAt) {
    await sleep(Math.min(plan.sampleS * 1000, Math.max(0, endsAt - Date.now())));
    await sample(`${Math.round((Date.now() - began) / 1000)} s`);
  }
  const [heapWarm, heapLoaded] = ends(samples, 'heapUsed');
  const [rssWarm, rssLoaded] = ends(samples, 'rss');
  stop = true;
  await Promise.all(workers);
  await receiver.steady();
  const redelivered = await redeliverAll(rest);
  const failed = await rest.call('GET', '/_roomlab/status-callbacks?State=failed', undefined, 200);
  const stillFailed = failed?.status_callbacks.length;
  rest.close();
  const end = await settled(server, start);
  const liveTimers = end.timers > start.timers ? await server.ask('timers') : [];
  const held = await server.ask('held');
  const holdsNothing = Object.values(held).every((count) => count === 0);
  const lost = lostCallbacks(rooms, receiver);
  // What the engine's state (rooms, events, logs) accounts for: a reset drops it.
  await rest.call('POST', '/_roomlab/reset', {}, 200);
  rest.close();
  const reset = await server.figures();

  printFigures([
    { label: 'before the load', ...start, rooms: 0, at: began },
    ...samples,
    { label: `load stopped, +${num(end.afterMs / 1000)} s`, ...end, rooms: rooms.size },
    { label: 'then a control reset', ...reset, rooms: rooms.size },
  ]);
  const checks = [
    ['heap growth after warm-up', growth(heapWarm, heapLoaded), '< 10%', heapLoaded < heapWarm * 1.1],
    ['RSS growth after warm-up', growth(rssWarm, rssLoaded), '< 10%', rssLoaded < rssWarm * 1.1],
    ['file descriptors, before → after', `${start.fds} → ${end.fds}`, 'back', end.fds <= start.fds],
    ['timers, before → after', `${start.timers} → ${end.timers}`, 'back', end.timers <= start.timers],
    [
      'signaling holds: sessions, participants, rooms, recording rooms',
      Object.values(held).join(', '),
      'none',
      holdsNothing,
    ],
    ['rooms ended (their callbacks checked)', String(rooms.size), '', true],
    ['callbacks received (with retries)', String(receiver.requests), '', true],
    ['redelivered: when back up / at the end', `${redeliveredOnUp} / ${redelivered}`, '', true],
    ['still failed after redelivery', String(stillFailed ?? '?'), '0', stillFailed === 0],
    ['rooms with a callback lost', String(lost), '0', lost === 0],
    [
      'lines the server logged (a forgotten callback would be one)',
      String(end.logged),
      '0',
      end.logged === 0,
    ],
    ['REST answers that failed', String(rest.failures.rest), '0', rest.failures.rest === 0],
    ['scripted visits that failed', String(rest.failures.visits), '0', rest.failures.visits === 0],
  ];
  table(
    ['check', 'figure', 'goal', 'ok'],
    checks.map(([label, figure, goal, ok]) => [label, figure, goal, ok ? '✓' : '✗']),
  );
  if (liveTimers.length > 0) console.log(`\nTimers live at the end:\n${liveTimers.join('\n')}`);
  await receiver.close();
  await server.close();
  return checks.every(([, , , ok]) => ok);
}

process.exitCode = (await soak()) ? 0 : 1;
