// A server in a worker thread of its own, so that a load driver and the server do not share an event
// loop: `serverInWorker` on the driver's side, `serveFromWorker` inside the worker's module.
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Starts `module` (a worker module that calls `serveFromWorker`) with `workerData`; resolves with what
 * the server says once ready, and `close`, which stops it (or ends the thread after 2 s).
 */
export async function serverInWorker(module, workerData) {
  const worker = new Worker(module, { workerData });
  const ready = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const close = async () => {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000, 'timeout').unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
  };
  return { ...ready, close };
}

/** Inside the worker: posts `server.ready`, and on 'close' closes the server and ends the thread. */
export function serveFromWorker(server) {
  parentPort.on('message', async (message) => {
    if (message !== 'close') return;
    await server.close();
    parentPort.close(); // nothing else is left, so the thread ends
  });
  parentPort.postMessage(server.ready);
}
