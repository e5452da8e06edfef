// The demo's server: roomlab's emulator (REST, signaling, media) and the built app, with a /token
// endpoint that mints access tokens from the emulator's default API key, as an app's backend would.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';

const host = process.env.HOST ?? '127.0.0.1';
const emulator = await startServer({ port: Number(process.env.ROOMLAB_PORT ?? 4010), host });
const dist = new URL('./dist/', import.meta.url).pathname;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

const app = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://demo');
  if (url.pathname === '/token') {
    const identity = url.searchParams.get('identity') ?? '';
    const room = url.searchParams.get('room') ?? '';
    if (!identity || !room || identity.length > 128 || room.length > 128) {
      response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Give a name and a room (at most 128 characters each).');
      return;
    }
    const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
    const token = await mintAccessToken({
      accountSid,
      apiKeySid,
      apiKeySecret,
      identity,
      room,
      now: emulator.emulator.control.now(),
    });
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token, room, wsServer: emulator.signalingUrl }));
    return;
  }
  const file = join(dist, url.pathname === '/' ? 'index.html' : url.pathname.replace(/\.\./g, ''));
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => app.listen(Number(process.env.PORT ?? 5173), host, resolve));
const demo = `http://${host}:${app.address().port}`;
const { credentials } = emulator.emulator;
console.log(`roomlab emulator on ${emulator.url} (signaling ${emulator.signalingUrl})`);
console.log(`  account SID      ${credentials.accountSid}`);
console.log(`  auth token       ${credentials.authToken}`);
console.log(`  API key SID      ${credentials.apiKeySid}`);
console.log(`  API key secret   ${credentials.apiKeySecret}`);
console.log(`roomlab demo on ${demo}  (open it in two tabs to see each other)`);
const stop = () => emulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
