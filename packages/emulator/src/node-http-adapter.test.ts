import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterEach, expect, it } from 'vitest';
import { createEmulator } from './emulator.js';
import { nodeRequestListener } from './node-http-adapter.js';
import { type RunningServer, startServer } from './server.js';
import { inProcessHttpClient } from './twilio-http-client.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

interface Answer {
  status: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over node:http (not fetch, which builds Fetch objects of its own). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = request(url, { method: options.method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          headers: response.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Runs `work` with the Fetch classes replaced by ones that throw, so any use of them fails it. */
async function withoutFetchObjects<T>(work: () => Promise<T>): Promise<T> {
  const saved = { Request: globalThis.Request, Response: globalThis.Response, Headers: globalThis.Headers };
  const refuse = (name: string) =>
    class {
      constructor() {
        throw new Error(`${name} was built`);
      }
    };
  Object.assign(globalThis, {
    Request: refuse('Request'),
    Response: refuse('Response'),
    Headers: refuse('Headers'),
  });
  try {
    return await work();
  } finally {
    Object.assign(globalThis, saved);
  }
}

it('serves REST over Express without building a Fetch Request, Response or Headers', async () => {
  running = await startServer({ port: 0, media: false });
  const { accountSid, authToken } = running.emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const url = running.url;
  const [created, fetched] = await withoutFetchObjects(async () => {
    const body = 'Type=group&MaxParticipants=7';
    const form = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
    const created = await send(`${url}/v1/Rooms`, { method: 'POST', headers: form, body });
    const { sid } = JSON.parse(created.text) as { sid: string };
    return [created, await send(`${url}/v1/Rooms/${sid}`, { headers: { authorization } })];
  });
  expect(created.status).toBe(201);
  expect(created.headers['content-length']).toBe(String(Buffer.byteLength(created.text)));
  const room = JSON.parse(fetched.text) as { max_participants: number; url: string; sid: string };
  expect([fetched.status, room.max_participants]).toEqual([200, 7]);
  expect(room.url).toBe(`${url}/v1/Rooms/${room.sid}`);
  // The body was read once, and both the route and the request log got it.
  const [logged] = running.emulator.control.requests({ method: 'POST' });
  expect(logged?.params).toEqual([
    ['Type', 'group'],
    ['MaxParticipants', '7'],
  ]);
});

it('answers each request with links on the Host it named, whichever Host came before', async () => {
  running = await startServer({ port: 0, media: false });
  const { accountSid, authToken } = running.emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const urlOn = async (host: string) => {
    const answer = await send(`${running?.url}/v1/Rooms`, { headers: { authorization, host } });
    return (JSON.parse(answer.text) as { meta: { url: string } }).meta.url;
  };
  const hosts = ['localhost:4010', 'roomlab.test', 'localhost:4010', 'localhost:4010'];
  const urls = [];
  for (const host of hosts) urls.push(await urlOn(host));
  expect(urls).toEqual(hosts.map((host) => `http://${host}/v1/Rooms?PageSize=50&Page=0`));
  const refused = await send(`${running.url}/v1/Rooms`, { headers: { authorization, host: 'a@b' } });
  expect([refused.status, JSON.parse(refused.text).code]).toEqual([400, 20001]);
});

it('stops reading a streamed body once it passes maxBodyBytes, answers 20413, creates nothing, and closes', async () => {
  running = await startServer({ port: 0, media: false, maxBodyBytes: 1024 });
  const { accountSid, authToken } = running.emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  // No Content-Length: the body is chunked, so only counting what arrives can refuse it.
  const headers = {
    authorization,
    'content-type': 'application/x-www-form-urlencoded',
    'transfer-encoding': 'chunked',
  };
  const refused = await send(`${running.url}/v1/Rooms`, {
    method: 'POST',
    headers,
    body: `UniqueName=${'a'.repeat(20_000)}`,
  });
  expect([refused.status, (JSON.parse(refused.text) as { code: number }).code]).toEqual([413, 20413]);
  expect(refused.headers.connection).toBe('close');
  expect(running.emulator.engine.listRooms({ accountSid })).toEqual([]);
  const small = await send(`${running.url}/v1/Rooms`, { method: 'POST', headers, body: 'UniqueName=small' });
  expect([small.status, small.headers.connection]).toEqual([201, 'keep-alive']);
});

it('calls the emulator through inProcessHttpClient without building Fetch objects', async () => {
  const emulator = createEmulator();
  const { accountSid, authToken } = emulator.credentials;
  const client = twilio(accountSid, authToken, { httpClient: inProcessHttpClient(emulator.handle) });
  const room = await withoutFetchObjects(() =>
    client.video.v1.rooms.create({ uniqueName: 'no-fetch', maxParticipants: 5 }),
  );
  expect([room.uniqueName, room.maxParticipants, room.url]).toEqual([
    'no-fetch',
    5,
    `https://video.twilio.com/v1/Rooms/${room.sid}`,
  ]);
  emulator.close();
});

it('gives any other Fetch handler a Fetch request with the body streamed, and writes its answer as it is', async () => {
  const listener = nodeRequestListener(async (fetchRequest) => {
    const seen = { method: fetchRequest.method, url: fetchRequest.url, body: await fetchRequest.text() };
    return new Response(JSON.stringify(seen), { status: 202, headers: { 'x-seen': 'yes' } });
  });
  const server = createServer((incoming, outgoing) => {
    listener(incoming, outgoing).catch((error: unknown) => outgoing.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const answer = await send(`http://127.0.0.1:${port}/anything?x=1`, {
      method: 'PUT',
      body: 'é'.repeat(3),
    });
    expect([answer.status, answer.headers['x-seen']]).toEqual([202, 'yes']);
    expect(JSON.parse(answer.text)).toEqual({
      method: 'PUT',
      url: `http://127.0.0.1:${port}/anything?x=1`,
      body: 'ééé',
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
