import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { refusalFor } from './proxy-refusal.js';

/**
 * Guards a request listener against plain (non-CONNECT) proxy requests, those whose target is an
 * absolute URL (`GET http://example.com/ HTTP/1.1`): one for another host is refused, never answered as
 * if roomlab were that host and never forwarded. Ordinary requests, and absolute ones for Twilio's
 * hosts, go on to `listener`.
 */
export function refuseForeignProxyRequests(listener: RequestListener): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const target = request.url ?? '/';
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return listener(request, response);
    let host: string;
    try {
      host = new URL(target).hostname;
    } catch {
      host = target;
    }
    const refusal = refusalFor(host);
    if (!refusal) return listener(request, response);
    response.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    response.end(`${refusal.reason}\n`);
  };
}
