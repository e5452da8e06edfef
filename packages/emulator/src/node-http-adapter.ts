import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  jsonResponse,
  readOnce,
  tooLarge,
  utf8,
} from './emulator-request.js';
import { directHandlerOf, type FetchHandler } from './fetch-handler.js';

/** A Node request as the emulator's request: its headers as Node parsed them, its body read on demand. */
function fromNodeRequest(incoming: IncomingMessage, url: URL): EmulatorRequest {
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return {
    method,
    url,
    headers: incoming.headers,
    text: readOnce((maxBytes) => (hasBody ? readNodeBody(incoming, maxBytes) : Promise.resolve(''))),
  };
}

/** Reads a Node request's body as UTF-8 text, stopping (and refusing) once it passes `maxBytes`. */
function readNodeBody(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  if (Number(incoming.headers['content-length'] ?? '0') > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        stop();
        incoming.pause();
        reject(tooLarge(maxBytes));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve(utf8(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

/** Writes the emulator's answer to a Node response: one `writeHead`, then the text or the piped stream. */
async function writeAnswer(answer: EmulatorResponse, target: ServerResponse): Promise<void> {
  const { body } = answer;
  if (!(body instanceof ReadableStream)) {
    const headers =
      body === null
        ? answer.headers
        : { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
    target.writeHead(answer.status, headers);
    target.end(body ?? undefined);
    return;
  }
  target.writeHead(answer.status, answer.headers);
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), target);
  } catch (error) {
    // The client went away mid-stream (a closed inspector tab, a cancelled download): the pipeline has
    // cancelled the body, and there is no one left to answer.
    if (target.destroyed && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}

/**
 * The origin a Node request was made to, from its Host header, so `url` and `links` point at whatever
 * address the client used; undefined for a Host that is not a host.
 */
function originOf(
  incoming: IncomingMessage,
  find: (scheme: string, host: string) => string | undefined,
): string | undefined {
  const host = incoming.headers.host ?? `${incoming.socket.localAddress}:${incoming.socket.localPort}`;
  // Requests through roomlab's proxy arrive over TLS it terminated: their links say https.
  const scheme = 'encrypted' in incoming.socket && incoming.socket.encrypted ? 'https' : 'http';
  return find(scheme, host);
}

function originFor(scheme: string, host: string): string | undefined {
  if (/[/@?#\\\s]/.test(host)) return undefined;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * `originFor` with the last answer kept: a client names the same Host on every request, and parsing it
 * into a URL each time was a measurable part of a request's cost.
 */
function lastOriginFor(): (scheme: string, host: string) => string | undefined {
  let last = { scheme: '', host: '', origin: undefined as string | undefined };
  return (scheme, host) => {
    if (last.host !== host || last.scheme !== scheme)
      last = { scheme, host, origin: originFor(scheme, host) };
    return last.origin;
  };
}

/** A Node request as a Fetch request. The body streams, so the handler's size cap stops a huge upload early. */
function toFetchRequest(incoming: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch requires this for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/** Any other Fetch handler behind Node: its request is a Fetch request, its answer written as it is. */
async function serveThroughFetch(handle: FetchHandler, incoming: IncomingMessage, url: URL) {
  const response = await handle(toFetchRequest(incoming, url));
  const headers = Object.fromEntries(response.headers);
  return { status: response.status, headers, body: response.body } satisfies EmulatorResponse;
}

const badHost = jsonResponse(
  400,
  {
    code: 20001,
    message: 'Invalid Host header',
    more_info: 'https://www.twilio.com/docs/errors/20001',
    status: 400,
  },
  { 'content-type': 'application/json' },
);

/**
 * A Node request listener over a Fetch handler. The emulator's own (`emulator.handle`) is called
 * without Fetch objects; any other goes through a Fetch request. A Host that is not a host answers 400.
 */
export function nodeRequestListener(handle: FetchHandler) {
  const serve = directHandlerOf(handle);
  const origins = lastOriginFor();
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const origin = originOf(incoming, origins);
    if (origin === undefined) return writeAnswer(badHost, response);
    const url = new URL(incoming.url ?? '/', origin);
    const answer = serve
      ? await serve(fromNodeRequest(incoming, url))
      : await serveThroughFetch(handle, incoming, url);
    // A refused upload (413) leaves the rest of its body unread: close rather than reuse the socket.
    const length = incoming.headers['content-length'];
    const sentBody =
      (length !== undefined && length !== '0') || incoming.headers['transfer-encoding'] !== undefined;
    if (sentBody && !incoming.readableEnded) response.setHeader('connection', 'close');
    await writeAnswer(answer, response);
  };
}
