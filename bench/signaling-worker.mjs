// Hosts one signaling server in its own thread, so the 200 clients and the server do not share an event
// loop. 'roomlab' is `startServer({ port: 0, media: false })` (REST and signaling, no SFU); 'bare' is a
// plain `ws` server that welcomes each socket and, when a frame (its hello too) carries `fanOut: N`, sends
// one N-byte JSON frame (serialized once) to every other socket: the least any server can do for the same
// fan-out.
// Both listen on 127.0.0.1, on a port the OS picks. Post 'close' to stop the server and end the thread.
import { createServer } from 'node:http';
import { workerData } from 'node:worker_threads';
import { startServer } from '@roomlab/emulator';
import { WebSocketServer } from 'ws';
import { serveFromWorker } from './worker-server.mjs';

async function startBare() {
  const server = createServer();
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (typeof frame.fanOut !== 'number') return;
      const padding = 'x'.repeat(Math.max(0, frame.fanOut - 44));
      const text = JSON.stringify({ type: 'msg', body: { type: 'update', padding } });
      let announced = 0;
      for (const other of sockets.clients) {
        if (other === socket) continue;
        other.send(text);
        announced += 1;
      }
      // The welcome says how many sockets were sent this socket's hello, so its sender knows when all arrived.
      if (frame.type === 'hello')
        socket.send(JSON.stringify({ type: 'welcome', negotiatedTimeout: 5000, announced }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ready: { url: `ws://127.0.0.1:${server.address().port}` },
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
      }),
  };
}

async function startRoomlab() {
  const running = await startServer({ port: 0, media: false });
  return {
    ready: {
      url: running.url,
      signalingUrl: running.signalingUrl,
      credentials: running.emulator.credentials,
    },
    close: () => running.close(),
  };
}

serveFromWorker(workerData.kind === 'bare' ? await startBare() : await startRoomlab());
