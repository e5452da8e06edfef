import { ws } from 'msw';
import type { RoomSignaling } from './signaling/room-signaling.js';
import { serveSignalingSocket } from './signaling/serve-signaling-socket.js';
import type { FrameSocket } from './signaling/tcmp-connection.js';

/**
 * The SDK's own signaling hosts: `wss://global.vss.twilio.com/signaling` by default, a region's
 * (`wss://us1.vss.twilio.com/...`) when the app picks one. Intercepting them means an app's
 * `Video.connect(token, options)` reaches the emulator with no `wsServer` option at all.
 */
export const twilioSignalingUrl =
  /^wss:\/\/[a-z0-9-]+\.vss\.(?:[a-z0-9-]+\.)?twilio\.com\/signaling(?:\?.*)?$/;

type Client = Parameters<Parameters<ReturnType<typeof ws.link>['addEventListener']>[1]>[0]['client'];

/** msw's intercepted WebSocket client, as the frame socket the signaling connection speaks over. */
function frameSocketOf(client: Client): FrameSocket {
  let readyState = 1;
  const onMessage: ((data: { toString(): string }, isBinary: boolean) => void)[] = [];
  const onClose: (() => void)[] = [];
  const closed = () => {
    if (readyState === 3) return;
    readyState = 3;
    for (const listener of onClose) listener();
  };
  client.addEventListener('message', (event) => {
    const { data } = event as MessageEvent;
    for (const listener of onMessage) listener(String(data), typeof data !== 'string');
  });
  client.addEventListener('close', closed);
  return {
    get readyState() {
      return readyState;
    },
    send: (text) => client.send(text),
    close(code, reason) {
      if (readyState !== 1) return;
      readyState = 2;
      // msw delivers a sent frame in a microtask but marks the socket closing at once, which would drop
      // the frames just sent (the `disconnected` that says why): close after they are delivered.
      setTimeout(() => {
        client.close(code, reason);
        closed();
      }, 0);
    },
    on(event: 'message' | 'close' | 'error', listener: (...args: never[]) => void) {
      if (event === 'message') onMessage.push(listener as (typeof onMessage)[number]);
      if (event === 'close') onClose.push(listener as () => void);
    },
  } as FrameSocket;
}

/**
 * An msw handler that serves the SDK's signaling WebSocket from an emulator in the same page (or
 * process): rooms, participants and track publications, as on a server. It carries no media: the
 * SFU needs Node, so tracks publish but no packets flow.
 */
export function signalingHandler(signaling: RoomSignaling, url: string | RegExp = twilioSignalingUrl) {
  return ws.link(url).addEventListener('connection', ({ client }) => {
    serveSignalingSocket(frameSocketOf(client), signaling, client.url.host);
  });
}
