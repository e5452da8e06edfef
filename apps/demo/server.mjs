// The demo's server: roomlab's emulator (REST, signaling, media) and the built app, with a /token
// endpoint that mints access tokens from the emulator's default API key, as an app's backend would.
import { mintAccessToken } from '@roomlab/core';
import { startServer } from '@roomlab/emulator';
import { serveStatic } from '@roomlab/test-harness';

const host = process.env.HOST ?? '127.0.0.1';
// With ROOMLAB_CA_DIR the emulator is also a proxy for Twilio's hosts (its CA kept there), and the page
// is given no wsServer: the unmodified SDK goes to Twilio's signaling host through the browser's proxy.
const caDir = process.env.ROOMLAB_CA_DIR;
const emulator = await startServer({
  port: Number(process.env.ROOMLAB_PORT ?? 4010),
  host,
  proxy: caDir ? { caDir } : undefined,
});
const wsServer = emulator.proxy ? undefined : emulator.signalingUrl;

/** Mints a token for `identity` in `room` (query parameters), with where to reach signaling. */
async function mintToken(_request, response, url) {
  const identity = url.searchParams.get('identity') ?? '';
  const room = url.searchParams.get('room') ?? '';
  if (!identity || !room || identity.length > 128 || room.length > 128) {
    response
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('Give a name and a room (at most 128 characters each).');
    return;
  }
  const { credentials, control } = emulator.emulator;
  const token = await mintAccessToken({ ...credentials, identity, room, now: control.now() });
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ token, room, wsServer }));
}

/** roomlab's inspector is served by the emulator: the page links here, as only this server knows where it is. */
function toInspector(_request, response) {
  response.writeHead(302, { location: `${emulator.url}/_roomlab/ui/` }).end();
}

const app = await serveStatic({
  root: new URL('./dist/', import.meta.url).pathname,
  routes: { '/token': mintToken, '/inspector': toInspector },
  host,
  port: Number(process.env.PORT ?? 5173),
});
const { credentials } = emulator.emulator;
console.log(`roomlab emulator on ${emulator.url} (signaling ${emulator.signalingUrl})`);
console.log(`  inspector        ${emulator.url}/_roomlab/ui/`);
console.log(`  account SID      ${credentials.accountSid}`);
console.log(`  auth token       ${credentials.authToken}`);
console.log(`  API key SID      ${credentials.apiKeySid}`);
console.log(`  API key secret   ${credentials.apiKeySecret}`);
if (emulator.proxy) console.log(`  Chromium flags: ${emulator.proxy.chromiumFlags.join(' ')}`);
console.log(`roomlab demo on ${app.origin}  (open it in two tabs to see each other)`);
const stop = () => Promise.all([app.close(), emulator.close()]).then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
