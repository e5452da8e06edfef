// Hosts one server in its own thread, so the load driver and the server do not share an event loop.
// 'bare' is a plain node:http server answering a canned Room JSON; 'roomlab' is `startServer({ port: 0 })`.
// Both listen on 127.0.0.1, on a port the OS picks. Post 'close' to stop the server and end the thread.
import { createServer } from 'node:http';
import { workerData } from 'node:worker_threads';
import { startServer } from '@roomlab/emulator';
import { cannedRoom } from './canned-room.mjs';
import { serveFromWorker } from './worker-server.mjs';

const cannedSid = 'RM00000000000000000000000000000001';

async function startBare() {
  const server = createServer((incoming, outgoing) => {
    incoming.resume(); // read (and drop) the form body, as a real server would have to
    incoming.on('end', () => {
      const body = JSON.stringify(cannedRoom(cannedSid, `http://${incoming.headers.host}`));
      outgoing.writeHead(incoming.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      outgoing.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ready: { port: server.address().port },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function startRoomlab() {
  const running = await startServer({ port: 0 });
  const { accountSid, authToken } = running.emulator.credentials;
  return { ready: { port: running.port, accountSid, authToken }, close: () => running.close() };
}

serveFromWorker(workerData.kind === 'bare' ? await startBare() : await startRoomlab());
