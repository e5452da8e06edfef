// Run by lazy-media.test.ts in a fresh Node process: imports the emulator's built entries, as a
// downstream app does, does REST work against a server and in process (msw), and with `join` also
// connects a scripted participant, and with `preload` loads the media stack up front; then prints the npm packages it loaded, as JSON.
import { loadedPackages } from './loaded-packages.mjs';

const { mintAccessToken } = await import('@roomlab/core');
const { connectScripted, createEmulator, createSfu, diskMediaStorage, loadMediaStack, startServer } =
  await import('@roomlab/emulator');
const { startInProcess } = await import('@roomlab/emulator/msw');

/** Creates a room, lists rooms, and completes the room, as the REST API's users do. */
async function restWork(base, { accountSid, authToken }) {
  const headers = {
    authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const answer = async (path, init) => {
    const response = await fetch(`${base}${path}`, { headers, ...init });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const room = await answer('/v1/Rooms', { method: 'POST', body: 'UniqueName=lean' });
  await answer('/v1/Rooms?Status=in-progress');
  await answer(`/v1/Rooms/${room.sid}`, { method: 'POST', body: 'Status=completed' });
}

const server = await startServer({ port: 0 });
await restWork(`${server.url}`, server.emulator.credentials);
if (process.argv[2] === 'join') {
  const credentials = server.emulator.credentials;
  const token = await mintAccessToken({ ...credentials, identity: 'alice', room: 'joined' });
  const alice = await connectScripted(server.signalingUrl, token, { name: 'joined' });
  await alice.disconnect();
  // The SFU loads in the background from the join on: wait (a while at most) to see it loaded.
  for (let waited = 0; waited < 20 && !(await loadedPackages()).includes('werift'); waited++);
}
await server.close();
if (process.argv[2] === 'preload') await loadMediaStack();

const emulator = createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage() });
const intercepting = startInProcess({ emulator });
await restWork('https://video.twilio.com', emulator.credentials);
intercepting.close();
emulator.close();
await emulator.mediaStorage.close();

console.log(JSON.stringify(await loadedPackages()));
