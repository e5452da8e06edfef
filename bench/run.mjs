// roomlab's benchmark: the emulator beside references measured in the same run, on the same machine,
// with the same client code, so the ratios mean something wherever it runs.
//
// 0. Import time (import-times.mjs): `await import()` of each roomlab entry in fresh Node processes,
//    beside `express` and `msw/node` alone and an empty Node start. `--no-imports` leaves it out.
//
// 1. Over HTTP: a create-room + fetch-room mix (POST /v1/Rooms form-encoded, then GET /v1/Rooms/{sid},
//    HTTP Basic auth of the emulator's credentials) at concurrency 1, 8 and 32, against
//    `startServer({ port: 0 })` and against a bare node:http server answering a canned ~1 KB Room JSON.
//    Each server runs in its own worker thread, so it does not share an event loop with the driver.
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
//    - through msw: `startInProcess()` then `fetch('https://video.twilio.com/v1/Rooms', ...)`, beside an
//      msw server whose handlers answer the canned JSON.
//
// 3. and 4., media (media.mjs): the SFU's extra CPU per recorded track, and how long a two-person
//    composition takes as a multiple of real time. `--no-media` leaves them out.
//
// 6. Signaling at scale (signaling.mjs): 200 scripted participants join one large room, and each event
//    is timed until it reaches every client, beside a bare ws server fanning out the same frames.
//
// Run from the repository root: npm run bench (it builds the emulator first). `--quick` for a smoke run.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createEmulator } from '@roomlab/emulator';
import { startInProcess } from '@roomlab/emulator/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { cannedRoom } from './canned-room.mjs';
import { send } from './http-send.mjs';
import { benchImportTimes } from './import-times.mjs';
import { benchMedia } from './media.mjs';
import { machine, num, table } from './report.mjs';
import { benchSignaling } from './signaling.mjs';
import { serverInWorker } from './worker-server.mjs';

const quick = process.argv.includes('--quick');
const httpSeconds = quick ? 0.5 : 3;
const warmupSeconds = quick ? 0.3 : 1;
const inProcessPairs = quick ? 300 : 2500; // create + fetch pairs, so twice as many requests
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
  const roomlab = await serverInThread('roomlab');
  const authorization = basic(roomlab.accountSid, roomlab.authToken);
  try {
    await drive(bare.port, authorization, 8, warmupSeconds); // warm up the driver and both servers
    await drive(roomlab.port, authorization, 8, warmupSeconds);
    const rows = [];
    for (const concurrency of concurrencies) {
      const reference = await drive(bare.port, authorization, concurrency, httpSeconds);
      const measured = await drive(roomlab.port, authorization, concurrency, httpSeconds);
      rows.push({ concurrency, reference, measured });
    }
    return rows;
  } finally {
    await roomlab.close();
    await bare.close();
  }
}

// ---- 2. In process ----------------------------------------------------------------------------------

/**
 * `pairs` create + fetch pairs, one request at a time, each through `call(method, url, init)` (which
 * answers a Fetch Response); after a warm-up. Returns µs per request: the mean, p50 and p99.
 */
async function perRequest(pairs, authorization, call) {
  const createInit = {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: createBody,
  };
  const fetchInit = { headers: { authorization } };
  const latencies = [];
  const timed = async (url, init, expected) => {
    const start = performance.now();
    const response = await call(url, init);
    const text = await response.text();
    latencies.push(performance.now() - start);
    if (response.status !== expected) throw new Error(`${url} answered ${response.status}: ${text}`);
    return text;
  };
  const pair = async () => {
    const { sid } = JSON.parse(await timed(`${twilioOrigin}/v1/Rooms`, createInit, 201));
    await timed(`${twilioOrigin}/v1/Rooms/${sid}`, fetchInit, 200);
  };
  for (let i = 0; i < Math.min(300, pairs); i++) await pair(); // warm up
  latencies.length = 0;
  const start = performance.now();
  for (let i = 0; i < pairs; i++) await pair();
  const mean = ((performance.now() - start) * 1000) / latencies.length;
  latencies.sort((a, b) => a - b);
  return { mean, p50: percentile(latencies, 50) * 1000, p99: percentile(latencies, 99) * 1000 };
}

/** The reference: answers the canned Room, reading the form body first as any handler must. */
async function cannedHandler(request) {
  if (request.method === 'POST') await request.text();
  return HttpResponse.json(cannedRoom(cannedSid, twilioOrigin), {
    status: request.method === 'POST' ? 201 : 200,
  });
}

async function measureInProcess() {
  const referenceAuth = basic('AC00000000000000000000000000000000', 'token');

  // Direct: a Fetch handler called with a Request, no transport at all.
  const directCanned = await perRequest(inProcessPairs, referenceAuth, (url, init) =>
    cannedHandler(new Request(url, init)),
  );
  const emulator = createEmulator();
  const directRoomlab = await perRequest(
    inProcessPairs,
    basic(emulator.credentials.accountSid, emulator.credentials.authToken),
    (url, init) => emulator.handle(new Request(url, init)),
  );
  emulator.close();

  // msw: global fetch intercepted by setupServer, first with canned handlers, then with roomlab's.
  const reference = setupServer(
    http.post(`${twilioOrigin}/v1/Rooms`, ({ request }) => cannedHandler(request)),
    http.get(`${twilioOrigin}/v1/Rooms/:sid`, ({ request }) => cannedHandler(request)),
  );
  reference.listen({ onUnhandledRequest: 'error' });
  const mswCanned = await perRequest(inProcessPairs, referenceAuth, (url, init) => fetch(url, init));
  reference.close();

  const inProcess = startInProcess();
  const { accountSid, authToken } = inProcess.emulator.credentials;
  const mswRoomlab = await perRequest(inProcessPairs, basic(accountSid, authToken), (url, init) =>
    fetch(url, init),
  );
  inProcess.close();

  return [
    { path: 'direct', reference: directCanned, measured: directRoomlab },
    { path: 'msw + fetch', reference: mswCanned, measured: mswRoomlab },
  ];
}

// ---- Report -----------------------------------------------------------------------------------------

const began = performance.now();
console.log(`roomlab bench: ${machine()}${quick ? ', quick' : ''}\n`);

if (!process.argv.includes('--no-imports')) {
  await benchImportTimes({ quick });
  console.log('');
}

const httpRows = await measureHttp();
console.log(
  `1. HTTP over 127.0.0.1 (keep-alive), create-room + fetch-room mix, ${httpSeconds} s per cell:` +
    ' roomlab (startServer) vs a bare node:http server answering a canned Room JSON\n',
);
table(
  [
    'concurrency',
    'bare req/s',
    'roomlab req/s',
    'ratio',
    'bare p50 ms',
    'roomlab p50 ms',
    'bare p99 ms',
    'roomlab p99 ms',
  ],
  httpRows.map(({ concurrency, reference: b, measured: r }) => [
    String(concurrency),
    num(b.rps),
    num(r.rps),
    num(r.rps / b.rps, 2),
    num(b.p50, 2),
    num(r.p50, 2),
    num(b.p99, 2),
    num(r.p99, 2),
  ]),
);
console.log(
  '\n   ratio = roomlab req/s ÷ bare req/s (1.00 would mean roomlab costs nothing over a canned answer)\n',
);

const inProcessRows = await measureInProcess();
console.log(`2. In process, the same mix, one request at a time (${inProcessPairs * 2} requests per cell)\n`);
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
  '\n   direct = handle(new Request(...)) vs a trivial Fetch handler; msw + fetch = startInProcess() vs msw' +
    ' handlers answering the canned JSON.\n   ratio = roomlab µs ÷ canned µs (cost, so lower is better).',
);
console.log('');
await benchSignaling({ quick }); // 200 scripted participants in one room: signaling.mjs
if (!process.argv.includes('--no-media')) {
  console.log('');
  await benchMedia({ quick });
}
console.log(`\ndone in ${num((performance.now() - began) / 1000, 1)} s`);
