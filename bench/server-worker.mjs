// Hosts one server in its own thread, so the load driver and the server do not share an event loop.
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { startServer } from '@roomlab/emulator';
import { cannedRoom } from './canned-room.mjs';

if (workerData.kind === 'bare') {
  const server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => {
      const body = JSON.stringify(
        cannedRoom('RM00000000000000000000000000000001', `http://${incoming.headers.host}`),
      );
      outgoing.writeHead(incoming.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      outgoing.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
} else {
  const running = await startServer({ port: 0 });
  const { accountSid, authToken } = running.emulator.credentials;
  parentPort.postMessage({ port: running.port, accountSid, authToken });
}
