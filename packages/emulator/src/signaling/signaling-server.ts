import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RoomSignaling } from './room-signaling.js';
import { serveSignalingSocket } from './serve-signaling-socket.js';

/** Where the SDK's `wsServer` option should point: `ws://HOST:PORT/signaling`. */
export const signalingPath = '/signaling';

/** Largest frame accepted from a client; an SDP with many m-lines stays far below it. */
const maxFrameBytes = 1024 * 1024;

/**
 * Serves the SDK's signaling WebSocket on an HTTP server's `/signaling` path. Other upgrade requests
 * are refused. Returns a function that closes every signaling socket.
 */
export function attachSignaling(server: Server, signaling: RoomSignaling): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== signalingPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) =>
      serveSignalingSocket(webSocket, signaling, request.headers.host),
    );
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  };
}
