import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { consoleLogger, type Logger } from '@roomlab/core';
import type { WebSocketServer } from 'ws';
import type { RoomSignaling } from './room-signaling.js';
import { serveSignalingSocket } from './serve-signaling-socket.js';

/** Where the SDK's `wsServer` option should point: `ws://HOST:PORT/signaling`. */
export const signalingPath = '/signaling';

/** Largest frame accepted from a client; an SDP with many m-lines stays far below it. */
const maxFrameBytes = 1024 * 1024;

/** ws, loaded at the first signaling upgrade: a server that only answers REST never needs it. */
let wsLoad: Promise<typeof import('ws')> | undefined;
const loadWs = () => {
  wsLoad ??= import('ws');
  return wsLoad;
};

export interface AttachSignalingOptions {
  /** Where a failure to load the WebSocket library goes (default: the console). */
  logger?: Logger;
}

/**
 * Serves the SDK's signaling WebSocket on an HTTP server's `/signaling` path. Other upgrade requests
 * are refused. Returns a function that closes every signaling socket.
 */
export function attachSignaling(
  server: Server,
  signaling: RoomSignaling,
  options: AttachSignalingOptions = {},
): () => void {
  const logger = options.logger ?? consoleLogger;
  let sockets: WebSocketServer | undefined;
  let detached = false;
  const upgrade = (ws: typeof import('ws'), request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets ??= new ws.WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
    sockets.handleUpgrade(request, socket, head, (webSocket) =>
      serveSignalingSocket(webSocket, signaling, request.headers.host),
    );
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== signalingPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    // Node hands an upgraded socket over with no error listener: this one owns it until ws takes it.
    const dropped = () => socket.destroy();
    socket.on('error', dropped);
    loadWs().then(
      (ws) => {
        socket.off('error', dropped);
        if (detached) socket.destroy();
        else upgrade(ws, request, socket, head);
      },
      (error: unknown) => {
        socket.off('error', dropped);
        logger.error('signaling: the WebSocket library (ws) could not be loaded', error);
        socket.end('HTTP/1.1 500 Internal Server Error\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      },
    );
  };
  server.on('upgrade', onUpgrade);
  return () => {
    detached = true;
    server.off('upgrade', onUpgrade);
    for (const client of sockets?.clients ?? []) client.terminate();
    sockets?.close();
  };
}
