// roomlab's benchmark: the emulator beside references measured in the same run, on the same machine,
// with the same client code, so the ratios mean something wherever it runs.
//
// 0. Import time (import-times.mjs): `await import()` of each roomlab entry in fresh Node processes,
//    beside `express` and `msw/node` alone and an empty Node start; and (startup.mjs) `roomlab start`
//    from spawn to `/health` answering, beside a bare node:http server. `--no-imports` leaves both out.
//
// 1. Over HTTP: a create-room + fetch-room mix (POST /v1/Rooms form-encoded, then GET /v1/Rooms/{sid},
//    HTTP Basic auth of the emulator's credentials) at concurrency 1, 8 and 32, against
//    `startServer({ port: 0 })`, a bare node:http server answering a canned ~1 KB Room JSON, an Express
//    app answering the same (what Express alone costs), the same emulator behind its Node listener on a
//    bare node:http server (no Express: what roomlab's own work costs), and Prism mocking the Video spec
//    (prism.mjs). Each server runs in its own worker thread (Prism in its own process), apart from the
//    driver.
//
//    The driver is a small closed-loop one on node:http with a keep-alive agent, rather than a load
//    generator such as autocannon: N workers each send their next request as soon as the last one has
//    answered, the fetch uses the SID the create returned (a chain autocannon can only express through
//    per-request hooks), every request's latency is kept, and it needs no dependency. What matters is
//    that both servers get exactly the same client code; the headline is the ratio roomlab ÷ bare.
//
// 2. In process: the same create + fetch pair, sequentially, as µs per request
//    - calling `emulator.handle(new Request(...))` directly, beside a trivial Fetch handler that answers
//      the canned JSON, and
//    - the emulator's handler alone, called with its internal request shape (no Fetch objects: what
//      Express and msw reach), beside a handler of that shape answering the canned JSON, and
//    - through msw: `startInProcess()` then `fetch('https://video.twilio.com/v1/Rooms', ...)`, beside an
//      msw server whose handlers answer the canned JSON, and
//    - through the `twilio` client with `inProcessHttpClient(emulator.handle)`, beside the same client
//      with an httpClient answering the canned JSON.
//
// 3. and 4., media (media.mjs): the SFU's extra CPU per recorded track, and how long a two-person
//    composition takes as a multiple of real time. `--no-media` leaves them out.
//
// 6. Memory (memory.mjs): the server's RSS and heap before and after seeding 10,000 rooms with 50,000
//    participants, beside the same data as plain objects in a bare process. `--no-memory` leaves it out.
//
// 7. Signaling at scale (signaling.mjs): 200 scripted participants join one large room, and each event
//    is timed until it reaches every client, beside a bare ws server fanning out the same frames.
//
// Run from the repository root: npm run bench (it builds the emulator first). `--quick` for a smoke run.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createEmulator } from '@roomlab/emulator';
import { startInProcess } from '@roomlab/emulator/msw';
import { inProcessHttpClient } from '@roomlab/emulator/twilio';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import { directHandlerOf } from '../packages/emulator/dist/fetch-handler.js';
import { cannedRoom } from './canned-room.mjs';
import { send } from './http-send.mjs';
import { benchImportTimes } from './import-times.mjs';
import { benchMedia } from './media.mjs';
import { benchMemory } from './memory.mjs';
import { startPrism } from './prism.mjs';
import { machine, num, table } from './report.mjs';
import { benchSignaling } from './signaling.mjs';
import { benchStartup } from './startup.mjs';
import { serverInWorker } from './worker-server.mjs';

const quick = process.argv.includes('--quick');
const httpSeconds = quick ? 0.5 : 3;
const warmupSeconds = quick ? 0.3 : 1;
const inProcessPairs = quick ? 300 : 2500; // create + fetch pairs, so twice as many requests
const inProcessRounds = quick ? 1 : 5; // reference and roomlab take turns, each with its share of the pairs
const concurrencies = [1, 8, 32];

const cannedSid = 'RM00000000000000000000000000000001';
const twilioOrigin = 'https://video.twilio.com';
const createBody = 'Type=group&MaxParticipants=10';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

// ---- 1. HTTP ---------------------------------------------------------------------------------------

/** Create-then-fetch pairs from `concurrency` closed-loop workers for `seconds`; keeps every latency. */
async function drive(port, authorization, concurrency, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const form = {
    authorization,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(createBody)),
  };
  const latencies = [];
  let failures = 0;
  const timed = async (method, path, headers, body, expected) => {
    const start = performance.now();
    const answer = await send(agent, port, method, path, headers, body);
    latencies.push(performance.now() - start);
    if (answer.status !== expected) {
      failures++;
      if (failures === 1) console.error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
    }
    return answer;
  };
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && failures === 0) {
      const created = await timed('POST', '/v1/Rooms', form, createBody, 201);
      const { sid } = JSON.parse(created.text);
      await timed('GET', `/v1/Rooms/${sid}`, { authorization }, undefined, 200);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  if (failures > 0) throw new Error(`${failures} requests to port ${port} failed`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Starts a server ('bare' or 'roomlab') in a worker thread; resolves with its port (and credentials). */
const serverInThread = (kind) => serverInWorker(new URL('./server-worker.mjs', import.meta.url), { kind });

async function measureHttp() {
  const bare = await serverInThread('bare');
  const express = await serverInThread('express');
  const roomlab = await serverInThread('roomlab');
  const onNode = await serverInThread('roomlab-node');
  const prism = await startPrism();
  const authorization = basic(roomlab.accountSid, roomlab.authToken);
  const onNodeAuthorization = basic(onNode.accountSid, onNode.authToken);
  try {
    // Warm up the driver and every server.
    for (const { port } of [bare, express, roomlab, prism])
      await drive(port, authorization, 8, warmupSeconds);
    await drive(onNode.port, onNodeAuthorization, 8, warmupSeconds);
    const rows = [];
    for (const concurrency of concurrencies) {
      const reference = await drive(bare.port, authorization, concurrency, httpSeconds);
      const canned = await drive(express.port, authorization, concurrency, httpSeconds);
      const measured = await drive(roomlab.port, authorization, concurrency, httpSeconds);
      const withoutExpress = await drive(onNode.port, onNodeAuthorization, concurrency, httpSeconds);
      const mock = await drive(prism.port, authorization, concurrency, httpSeconds);
      rows.push({ concurrency, reference, express: canned, measured, onNode: withoutExpress, prism: mock });
    }
    return rows;
  } finally {
    await prism.close();
    await onNode.close();
    await roomlab.close();
    await express.close();
    await bare.close();
  }
}

// ---- 2. In process ----------------------------------------------------------------------------------

/**
 * Runs `pair(timed)` `pairs` times, one at a time, after a warm-up; `timed(work)` times one request of
 * it. Returns µs per request: the mean, p50 and p99.
 */
async function timePairs(pairs, pair) {
  const latencies = [];
  const timed = async (work) => {
    const start = performance.now();
    const result = await work();
    latencies.push(performance.now() - start);
    return result;
  };
  for (let i = 0; i < Math.min(300, pairs); i++) await pair(timed); // warm up
  latencies.length = 0;
  const start = performance.now();
  for (let i = 0; i < pairs; i++) await pair(timed);
  const mean = ((performance.now() - start) * 1000) / latencies.length;
  latencies.sort((a, b) => a - b);
  return { mean, p50: percentile(latencies, 50) * 1000, p99: percentile(latencies, 99) * 1000 };
}

/** Create + fetch pairs, each request through `call(url, init)` (which answers a Fetch Response). */
function perRequest(pairs, authorization, call) {
  const createInit = {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: createBody,
  };
  const fetchInit = { headers: { authorization } };
  const answerOf = async (timed, url, init, expected) => {
    const { status, text } = await timed(async () => {
      const response = await call(url, init);
      return { status: response.status, text: await response.text() };
    });
    if (status !== expected) throw new Error(`${url} answered ${status}: ${text}`);
    return text;
  };
  return timePairs(pairs, async (timed) => {
    const { sid } = JSON.parse(await answerOf(timed, `${twilioOrigin}/v1/Rooms`, createInit, 201));
    await answerOf(timed, `${twilioOrigin}/v1/Rooms/${sid}`, fetchInit, 200);
  });
}

/** The reference: answers the canned Room, reading the form body first as any handler must. */
async function cannedHandler(request) {
  if (request.method === 'POST') await request.text();
  return HttpResponse.json(cannedRoom(cannedSid, twilioOrigin), {
    status: request.method === 'POST' ? 201 : 200,
  });
}

/** The same pairs through the official `twilio` client: `rooms.create`, then `rooms(sid).fetch()`. */
function perClientCall(pairs, client) {
  return timePairs(pairs, async (timed) => {
    const room = await timed(() => client.video.v1.rooms.create({ type: 'group', maxParticipants: 10 }));
    await timed(() => client.video.v1.rooms(room.sid).fetch());
  });
}

/** The reference for the client row: a RequestClient that answers the canned Room, as Twilio's client expects. */
const cannedRequestClient = {
  async request(options) {
    const body = JSON.stringify(cannedRoom(cannedSid, twilioOrigin));
    return { statusCode: options.method.toUpperCase() === 'POST' ? 201 : 200, body, headers: {} };
  },
};

/**
 * Runs `reference(pairs)` and `measured(pairs)` in turn, `inProcessRounds` times, each round with its
 * share of the pairs, so that a change in the machine's load falls on both alike. Keeps the round with
 * the median mean of each.
 */
async function inTurn(path, reference, measured) {
  const pairs = Math.ceil(inProcessPairs / inProcessRounds);
  const rounds = { reference: [], measured: [] };
  for (let i = 0; i < inProcessRounds; i++) {
    rounds.reference.push(await reference(pairs));
    rounds.measured.push(await measured(pairs));
  }
  const median = (results) => [...results].sort((a, b) => a.mean - b.mean)[Math.floor(results.length / 2)];
  return { path, reference: median(rounds.reference), measured: median(rounds.measured) };
}

/** `work(emulator, authorization)` against a fresh emulator, closed afterwards. */
async function withEmulator(work) {
  const emulator = createEmulator();
  try {
    return await work(emulator, basic(emulator.credentials.accountSid, emulator.credentials.authToken));
  } finally {
    emulator.close();
  }
}

const referenceAccount = { sid: 'AC00000000000000000000000000000000', token: 'token' };
const referenceAuth = basic(referenceAccount.sid, referenceAccount.token);

/** Direct: a Fetch handler called with a Request, no transport at all. */
const measureDirect = () =>
  inTurn(
    'direct',
    (pairs) => perRequest(pairs, referenceAuth, (url, init) => cannedHandler(new Request(url, init))),
    (pairs) =>
      withEmulator((emulator, authorization) =>
        perRequest(pairs, authorization, (url, init) => emulator.handle(new Request(url, init))),
      ),
  );

/**
 * The reference for the handler row: a handler of the emulator's own shape (the internal request, no
 * Fetch objects) that reads the form body and answers the canned JSON.
 */
async function cannedEmulatorHandler(request) {
  if (request.method === 'POST') await request.text(1024 * 1024);
  const body = JSON.stringify(cannedRoom(cannedSid, twilioOrigin));
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  return { status: request.method === 'POST' ? 201 : 200, headers, body };
}

/** Create + fetch pairs through a handler of the emulator's internal shape: what its own work costs. */
function perHandlerCall(pairs, authorization, serve) {
  const form = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
  const request = (method, path, body) => ({
    method,
    url: new URL(path, twilioOrigin),
    headers: body === undefined ? { authorization } : form,
    text: async () => body ?? '',
  });
  const answerOf = async (timed, method, path, body, expected) => {
    const answer = await timed(() => serve(request(method, path, body)));
    if (answer.status !== expected) throw new Error(`${path} answered ${answer.status}: ${answer.body}`);
    return answer.body;
  };
  return timePairs(pairs, async (timed) => {
    const { sid } = JSON.parse(await answerOf(timed, 'POST', '/v1/Rooms', createBody, 201));
    await answerOf(timed, 'GET', `/v1/Rooms/${sid}`, undefined, 200);
  });
}

/** The emulator's handler alone, as Express and msw reach it: no Fetch objects, no transport. */
const measureHandler = () =>
  inTurn(
    'handler alone',
    (pairs) => perHandlerCall(pairs, referenceAuth, cannedEmulatorHandler),
    (pairs) =>
      withEmulator((emulator, authorization) =>
        perHandlerCall(pairs, authorization, directHandlerOf(emulator.handle)),
      ),
  );

/** msw: global fetch intercepted by an msw server with canned handlers, or by roomlab's. */
const measureMsw = () =>
  inTurn(
    'msw + fetch',
    async (pairs) => {
      const reference = setupServer(
        http.post(`${twilioOrigin}/v1/Rooms`, ({ request }) => cannedHandler(request)),
        http.get(`${twilioOrigin}/v1/Rooms/:sid`, ({ request }) => cannedHandler(request)),
      );
      reference.listen({ onUnhandledRequest: 'error' });
      try {
        return await perRequest(pairs, referenceAuth, (url, init) => fetch(url, init));
      } finally {
        reference.close();
      }
    },
    async (pairs) => {
      const inProcess = startInProcess();
      const { accountSid, authToken } = inProcess.emulator.credentials;
      try {
        return await perRequest(pairs, basic(accountSid, authToken), (url, init) => fetch(url, init));
      } finally {
        inProcess.close();
      }
    },
  );

/** The `twilio` client, with an httpClient answering the canned JSON, or with inProcessHttpClient. */
const measureClient = () =>
  inTurn(
    'twilio client',
    (pairs) =>
      perClientCall(
        pairs,
        twilio(referenceAccount.sid, referenceAccount.token, { httpClient: cannedRequestClient }),
      ),
    (pairs) =>
      withEmulator((emulator) => {
        const { accountSid, authToken } = emulator.credentials;
        const httpClient = inProcessHttpClient(emulator.handle);
        return perClientCall(pairs, twilio(accountSid, authToken, { httpClient }));
      }),
  );

async function measureInProcess() {
  return [await measureDirect(), await measureHandler(), await measureMsw(), await measureClient()];
}

// ---- Report -----------------------------------------------------------------------------------------

const began = performance.now();
console.log(`roomlab bench: ${machine()}${quick ? ', quick' : ''}\n`);

if (!process.argv.includes('--no-imports')) {
  await benchImportTimes({ quick });
  console.log('');
  await benchStartup({ quick });
  console.log('');
}

const httpRows = await measureHttp();
console.log(
  `1. HTTP over 127.0.0.1 (keep-alive), create-room + fetch-room mix, ${httpSeconds} s per cell:` +
    ' roomlab (startServer) vs a bare node:http server and an Express app answering a canned Room JSON,' +
    ' the same emulator without Express (no-express), and Prism mocking the Video spec\n',
);
table(
  [
    'concurrency',
    'bare req/s',
    'express req/s',
    'roomlab req/s',
    'prism req/s',
    '÷ bare',
    '÷ express',
    '÷ prism',
    'express ÷ bare',
    'no-express req/s',
    'no-express ÷ bare',
    'bare p50 / p99 ms',
    'express p50 / p99 ms',
    'roomlab p50 / p99 ms',
    'prism p50 / p99 ms',
  ],
  httpRows.map(({ concurrency, reference: b, express: e, measured: r, onNode: n, prism: m }) => [
    String(concurrency),
    num(b.rps),
    num(e.rps),
    num(r.rps),
    num(m.rps),
    num(r.rps / b.rps, 2),
    num(r.rps / e.rps, 2),
    `${num(r.rps / m.rps, 1)}×`,
    num(e.rps / b.rps, 2),
    num(n.rps),
    num(n.rps / b.rps, 2),
    `${num(b.p50, 2)} / ${num(b.p99, 2)}`,
    `${num(e.p50, 2)} / ${num(e.p99, 2)}`,
    `${num(r.p50, 2)} / ${num(r.p99, 2)}`,
    `${num(m.p50, 2)} / ${num(m.p99, 2)}`,
  ]),
);
console.log(
  '\n   ÷ bare = roomlab req/s ÷ bare req/s (1.00 would mean roomlab costs nothing over a canned answer);' +
    ' ÷ express = roomlab ÷ an Express app answering the canned JSON;\n   ÷ prism = roomlab req/s ÷ Prism req/s;' +
    ' express ÷ bare = the ceiling Express sets (the canned Express app ÷ bare);\n   no-express = the same emulator' +
    " behind its Node listener on a bare node:http server, without Express (a reference: roomlab's own cost)\n",
);

const inProcessRows = await measureInProcess();
console.log(
  `2. In process, the same mix, one request at a time (${inProcessPairs * 2} requests per cell, in` +
    ` ${inProcessRounds} rounds taken in turn with the reference; the round of median mean is shown)\n`,
);
table(
  [
    'path',
    'canned µs/req',
    'roomlab µs/req',
    'ratio',
    'roomlab adds µs',
    'canned p50/p99 µs',
    'roomlab p50/p99 µs',
  ],
  inProcessRows.map(({ path, reference: c, measured: r }) => [
    path,
    num(c.mean),
    num(r.mean),
    `${num(r.mean / c.mean, 2)}×`,
    num(r.mean - c.mean),
    `${num(c.p50)} / ${num(c.p99)}`,
    `${num(r.p50)} / ${num(r.p99)}`,
  ]),
);
console.log(
  "\n   direct = handle(new Request(...)) vs a trivial Fetch handler; handler alone = the emulator's handler" +
    ' called with its internal request shape (what Express and msw reach) vs one of that shape answering the' +
    ' canned JSON;\n   msw + fetch = startInProcess() vs msw' +
    ' handlers answering the canned JSON;\n   twilio client = the `twilio` client with' +
    ' inProcessHttpClient(emulator.handle) vs the same client with an httpClient answering the canned JSON' +
    ' (µs per call).\n   ratio = roomlab µs ÷ canned µs (cost, so lower is better).',
);
if (!process.argv.includes('--no-memory')) await benchMemory({ quick });
console.log('');
if (!process.argv.includes('--no-signaling')) await benchSignaling({ quick }); // signaling.mjs
if (!process.argv.includes('--no-media')) {
  console.log('');
  await benchMedia({ quick });
}
console.log(`\ndone in ${num((performance.now() - began) / 1000, 1)} s`);
