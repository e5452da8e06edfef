import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { Logger } from '@roomlab/core';
import type { CertificatePair } from './certificate-authority.js';
import { connectTarget, type ProxyRefusal } from './proxy-refusal.js';

const statusText = { 400: 'Bad Request', 403: 'Forbidden' } as const;

/** Answers a tunnel request with its refusal, as plain HTTP, and closes the socket. */
function refuse(socket: Duplex, refusal: ProxyRefusal): void {
  const body = `${refusal.reason}\n`;
  socket.end(
    `HTTP/1.1 ${refusal.status} ${statusText[refusal.status]}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export interface ConnectProxyOptions {
  /** The certificate presented for Twilio's hosts, from roomlab's local CA. */
  leaf: CertificatePair;
  logger: Logger;
}

/**
 * Makes `server` an HTTPS CONNECT proxy for Twilio's hosts: a tunnel to one of them is answered here,
 * its TLS terminated with the local CA's certificate, and the HTTP inside handed to `server` as a new
 * connection, so the same handler (and signaling's WebSocket upgrade) serves it. Every other target is
 * refused. Returns a function that stops proxying and closes open tunnels.
 */
export function attachConnectProxy(server: Server, options: ConnectProxyOptions): () => void {
  const secureContext = createSecureContext(options.leaf);
  const tunnels = new Set<Duplex>();
  const onConnect = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = connectTarget(request.url ?? '');
    if ('status' in target) {
      refuse(socket, target);
      return;
    }
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tls = new TLSSocket(socket, { isServer: true, secureContext });
    // A client that distrusts the certificate hangs up mid-handshake: worth a line, not a crash.
    tls.on('error', (error) => {
      options.logger.warn(
        `proxy tunnel to ${target.host} failed (does the client trust roomlab's CA?)`,
        error,
      );
      socket.destroy();
    });
    server.emit('connection', tls);
  };
  server.on('connect', onConnect);
  return () => {
    server.off('connect', onConnect);
    for (const socket of tunnels) socket.destroy();
  };
}
