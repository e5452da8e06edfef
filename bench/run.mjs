// roomlab's benchmark: the emulator beside references measured in the same run, on the same machine,
// with the same client code, so the ratios mean something wherever it runs.
//
// 1. Over HTTP: a create-room + fetch-room mix from a closed-loop driver (N workers, each sending its
//    next request when the last one answered) against `startServer()`, and against a bare node:http
//    server that answers a canned Room JSON, each server in its own thread. The driver is plain node:http with a keep-alive agent, so
//    the client costs the same in both runs and the ratio is the server's.
// 2. In process: one `rooms(sid).fetch()` of the official twilio client per request, through msw
//    (roomlab's handlers vs. a handler returning the canned JSON) and through `inProcessHttpClient`
//    (roomlab's handler vs. a canned handler), plus the bare handler call.
//
// Run from the repository root: npm run bench (it builds the emulator first).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createEmulator } from '@roomlab/emulator';
import { startInProcess } from '@roomlab/emulator/msw';
import { inProcessHttpClient } from '@roomlab/emulator/twilio';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import twilio from 'twilio';
import { cannedRoom } from './canned-room.mjs';

const quick = process.argv.includes('--quick');
const httpSeconds = quick ? 0.5 : 3;
const inProcessRequests = quick ? 300 : 3000;
const concurrencies = [1, 8, 32];

const cannedSid = 'RM00000000000000000000000000000001';

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function send(agent, port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Create-then-fetch pairs from `concurrency` workers for `seconds`; every request's latency is kept. */
async function drive(port, authorization, concurrency, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const form = { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '13' };
  const latencies = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const timed = async (method, path, headers, body) => {
    const start = performance.now();
    const answer = await send(agent, port, method, path, headers, body);
    latencies.push(performance.now() - start);
    if (answer.status >= 400) failures++;
    return answer;
  };
  const worker = async () => {
    while (performance.now() < deadline) {
      const created = await timed('POST', '/v1/Rooms', form, 'MaxParticipants=9'.slice(0, 13));
      const { sid } = JSON.parse(created.text);
      await timed('GET', `/v1/Rooms/${sid}`, { authorization });
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** Starts a server ('bare' or 'roomlab') in a worker thread; resolves with its port (and credentials). */
async function serverInWorker(kind) {
  const worker = new Worker(new URL('./server-worker.mjs', import.meta.url), { workerData: { kind } });
  const ready = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { ...ready, close: () => worker.terminate() };
}

async function measureHttp() {
  const rows = [];
  const bare = await serverInWorker('bare');
  const roomlab = await serverInWorker('roomlab');
  const { accountSid, authToken } = roomlab;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  await drive(bare.port, authorization, 8, 0.3); // warm up both
  await drive(roomlab.port, authorization, 8, 0.3);
  for (const concurrency of concurrencies) {
    const reference = await drive(bare.port, authorization, concurrency, httpSeconds);
    const measured = await drive(roomlab.port, authorization, concurrency, httpSeconds);
    if (measured.failures > 0) throw new Error(`roomlab answered ${measured.failures} errors`);
    rows.push({ concurrency, reference, measured });
  }
  await roomlab.close();
  await bare.close();
  return rows;
}

async function perRequest(label, count, call) {
  for (let i = 0; i < Math.min(200, count); i++) await call(); // warm up
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  return { label, p50: percentile(latencies, 50) * 1000, p99: percentile(latencies, 99) * 1000 };
}

async function measureInProcess() {
  const canned = () => HttpResponse.json(cannedRoom(cannedSid, 'https://video.twilio.com'));
  const credentials = ['AC00000000000000000000000000000000', 'token'];

  // msw: a canned handler, then roomlab's handlers, each intercepting the same twilio client call.
  const reference = setupServer(http.get('https://video.twilio.com/v1/Rooms/:sid', canned));
  reference.listen({ onUnhandledRequest: 'error' });
  const cannedClient = twilio(...credentials);
  const mswCanned = await perRequest('msw, canned handler', inProcessRequests, () =>
    cannedClient.video.v1.rooms(cannedSid).fetch(),
  );
  reference.close();

  const inProcess = startInProcess();
  const { accountSid, authToken } = inProcess.emulator.credentials;
  const mswClient = twilio(accountSid, authToken);
  const mswRoom = await mswClient.video.v1.rooms.create();
  const mswRoomlab = await perRequest('msw, roomlab', inProcessRequests, () =>
    mswClient.video.v1.rooms(mswRoom.sid).fetch(),
  );
  inProcess.close();

  // Direct: the twilio client with a RequestClient that calls a handler, with no sockets at all.
  const directCanned = twilio(...credentials, { httpClient: inProcessHttpClient(async () => canned()) });
  const direct = await perRequest('direct, canned handler', inProcessRequests, () =>
    directCanned.video.v1.rooms(cannedSid).fetch(),
  );
  const emulator = createEmulator();
  const directClient = twilio(emulator.credentials.accountSid, emulator.credentials.authToken, {
    httpClient: inProcessHttpClient(emulator.handle),
  });
  const directRoom = await directClient.video.v1.rooms.create();
  const directRoomlab = await perRequest('direct, roomlab', inProcessRequests, () =>
    directClient.video.v1.rooms(directRoom.sid).fetch(),
  );
  const authorization = `Basic ${btoa(`${emulator.credentials.accountSid}:${emulator.credentials.authToken}`)}`;
  const handlerOnly = await perRequest('roomlab handler alone (no client)', inProcessRequests, () =>
    emulator.handle(
      new Request(`https://video.twilio.com/v1/Rooms/${directRoom.sid}`, { headers: { authorization } }),
    ),
  );
  emulator.close();
  return { mswCanned, mswRoomlab, direct, directRoomlab, handlerOnly };
}

const fmt = (value, digits = 0) => value.toFixed(digits).padStart(8);

console.log(`roomlab bench (node ${process.version}, ${quick ? 'quick' : `${httpSeconds}s per HTTP run`})\n`);
console.log('HTTP, create-room + fetch-room mix over loopback (keep-alive), vs a bare node:http server');
console.log('answering a canned Room JSON, measured in the same run:\n');
console.log(
  '| concurrency |  bare req/s | roomlab req/s |   ratio | bare p50 ms | roomlab p50 ms | bare p99 ms | roomlab p99 ms |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { concurrency, reference, measured } of await measureHttp()) {
  console.log(
    `| ${concurrency} | ${fmt(reference.rps)} | ${fmt(measured.rps)} | ${fmt(measured.rps / reference.rps, 2)} | ` +
      `${fmt(reference.p50, 2)} | ${fmt(measured.p50, 2)} | ${fmt(reference.p99, 2)} | ${fmt(measured.p99, 2)} |`,
  );
}

const inProcess = await measureInProcess();
console.log('\nIn process, one twilio-client `rooms(sid).fetch()` per request, sequential:\n');
console.log('| path | p50 µs | p99 µs | p50 vs. its canned reference |');
console.log('| --- | ---: | ---: | ---: |');
const line = (row, reference) =>
  console.log(
    `| ${row.label} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${reference ? `${fmt(row.p50 / reference.p50, 2)}×` : ''} |`,
  );
line(inProcess.mswCanned);
line(inProcess.mswRoomlab, inProcess.mswCanned);
line(inProcess.direct);
line(inProcess.directRoomlab, inProcess.direct);
line(inProcess.handlerOnly);
