// The soak's status-callback receiver: a node:http server on 127.0.0.1 that goes down (stops
// listening, drops its connections: the emulator's requests are refused) and comes back on the same
// port, so it is down `downFraction` of every cycle. It keeps each room's SequenceNumbers, so that the
// soak can tell whether any callback was lost.
import { createServer } from 'node:http';

export async function flakyReceiver({ cycleMs, downFraction, onUp }) {
  /** SequenceNumbers received, by RoomSid; and each room's room-ended SequenceNumber. */
  const received = new Map();
  const ended = new Map();
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString());
      const room = params.get('RoomSid');
      const sequence = Number(params.get('SequenceNumber'));
      requests += 1;
      if (!received.has(room)) received.set(room, new Set());
      received.get(room).add(sequence);
      if (params.get('StatusCallbackEvent') === 'room-ended') ended.set(room, sequence);
      response.end();
    });
  });
  const listen = (port) => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(0);
  const { port } = server.address();

  let up = true;
  let steadied = false;
  let timer;
  let flipping = Promise.resolve();
  const schedule = () => {
    if (!steadied) timer = setTimeout(flip, cycleMs * (up ? 1 - downFraction : downFraction));
  };
  const flip = () => {
    flipping = flipping.then(async () => {
      if (up) await stop();
      else await listen(port);
      up = !up;
      if (up) onUp();
      schedule();
    });
  };
  schedule();

  return {
    url: `http://127.0.0.1:${port}/status-callback`,
    received,
    ended,
    get requests() {
      return requests;
    },
    /** Stops going down, and is up from now on. */
    async steady() {
      steadied = true;
      clearTimeout(timer);
      await flipping;
      if (!up) await listen(port);
      up = true;
    },
    close: stop,
  };
}
