// Hosts one server in its own thread, so the load driver and the server do not share an event loop.
// 'bare' is a plain node:http server answering a canned Room JSON, 'express' the same answer from an Express
// app's one middleware, 'roomlab' is `startServer({ port: 0 })`, 'roomlab-node' the same emulator behind its
// Node listener on a bare node:http server, without Express (a reference: what roomlab's own work costs).
// Both listen on 127.0.0.1, on a port the OS picks. Post 'close' to stop the server and end the thread.
import { createServer } from 'node:http';
import { workerData } from 'node:worker_threads';
import {
  createEmulator,
  createSfu,
  diskMediaStorage,
  nodeRequestListener,
  startServer,
} from '@roomlab/emulator';
import express from 'express';
import { cannedRoom } from './canned-room.mjs';
import { serveFromWorker } from './worker-server.mjs';

const cannedSid = 'RM00000000000000000000000000000001';

/** Answers the canned Room after reading (and dropping) the form body, as a real server would have to. */
function answerCanned(incoming, outgoing) {
  incoming.resume();
  incoming.on('end', () => {
    const body = JSON.stringify(cannedRoom(cannedSid, `http://${incoming.headers.host}`));
    outgoing.writeHead(incoming.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    outgoing.end(body);
  });
}

/** The same canned answer from one middleware of an Express app set up as roomlab's is: what Express costs. */
function cannedExpressApp() {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(answerCanned);
  return app;
}

async function startBare(listener) {
  const server = createServer(listener);
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

/** The emulator `startServer` makes, behind `nodeRequestListener` on a bare node:http server: no Express. */
async function startRoomlabOnNode() {
  const emulator = createEmulator({ sfu: createSfu, mediaStorage: diskMediaStorage() });
  const listener = nodeRequestListener(emulator.handle);
  const bare = await startBare((incoming, outgoing) =>
    listener(incoming, outgoing).catch((error) => {
      console.error(error);
      outgoing.destroy();
    }),
  );
  const { accountSid, authToken } = emulator.credentials;
  return {
    ready: { ...bare.ready, accountSid, authToken },
    close: async () => {
      await bare.close();
      emulator.close();
      await emulator.mediaStorage.close();
    },
  };
}

const servers = {
  bare: () => startBare(answerCanned),
  express: () => startBare(cannedExpressApp()),
  roomlab: startRoomlab,
  'roomlab-node': startRoomlabOnNode,
};
serveFromWorker(await servers[workerData.kind]());
