// Run by test/lean-import.test.ts in a fresh Node process: imports the built @roomlab/testing as a
// user's test file does; with `start`, also starts an emulator in process and creates a room through its
// client; with `handlers`, does that through an app's msw server set up with roomlabHandlers(). Prints
// the npm packages it loaded (and had loaded before the client was first read) and the room made, as JSON.
import { loadedPackages } from '../../../emulator/src/test-support/loaded-packages.mjs';

const testing = await import('@roomlab/testing');

let beforeClient;

/** Starts an emulator (on the app's msw server, if given) and creates a room through its client. */
async function roomMade(msw) {
  const roomlab = await testing.startEmulator({ msw });
  beforeClient = await loadedPackages();
  try {
    return (await roomlab.client.video.v1.rooms.create({ uniqueName: 'lean' })).uniqueName;
  } finally {
    await roomlab.stop();
  }
}

let room;
if (process.argv[2] === 'start') room = await roomMade();
if (process.argv[2] === 'handlers') {
  const { setupServer } = await import('msw/node');
  const server = setupServer(...testing.roomlabHandlers());
  server.listen({ onUnhandledRequest: 'error' });
  room = await roomMade(server);
  server.close();
}
console.log(JSON.stringify({ loaded: await loadedPackages(), beforeClient, room }));
