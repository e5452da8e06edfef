import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FetchHandler } from './fetch-handler.js';

/** A Node request as a Fetch request. The body streams, so the handler's size cap stops a huge upload early. */
export function toFetchRequest(request: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = request.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(request.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch requires this for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/** Writes a Fetch response to a Node response. */
export async function writeFetchResponse(response: Response, target: ServerResponse): Promise<void> {
  target.statusCode = response.status;
  response.headers.forEach((value, name) => {
    target.setHeader(name, value);
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  target.end(body);
}

/**
 * A Node request listener over a Fetch handler. The origin comes from the Host header so `url` and
 * `links` point at whatever address the client used; a Host that is not a host answers 400.
 */
export function nodeRequestListener(handle: FetchHandler) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = request.headers.host ?? `${request.socket.localAddress}:${request.socket.localPort}`;
    let origin: string;
    try {
      if (/[/@?#\\\s]/.test(host)) throw new Error('not a bare host');
      // Requests through roomlab's proxy arrive over TLS it terminated: their links say https.
      const scheme = 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
      origin = new URL(`${scheme}://${host}`).origin;
    } catch {
      await writeFetchResponse(badHost(), response);
      return;
    }
    const answer = await handle(toFetchRequest(request, origin));
    // A refused upload (413) leaves the rest of its body unread: close rather than reuse the socket.
    const sentBody =
      request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    if (sentBody && !request.readableEnded) response.setHeader('connection', 'close');
    await writeFetchResponse(answer, response);
  };
}

function badHost(): Response {
  const body = {
    code: 20001,
    message: 'Invalid Host header',
    more_info: 'https://www.twilio.com/docs/errors/20001',
    status: 400,
  };
  return Response.json(body, { status: 400 });
}
