import { TwilioError } from '@roomlab/core';
import {
  type EmulatorHandler,
  type EmulatorRequest,
  type EmulatorResponse,
  readOnce,
  tooLarge,
  utf8,
} from './emulator-request.js';
import { type FetchAdapter, type FetchBodyReader, fetchAdapterKey } from './fetch-adapter-key.js';

export type { FetchBodyReader } from './fetch-adapter-key.js';

/** The one shape every transport adapts: a Fetch-standard request in, a response out. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Where a Fetch handler made by `fetchHandler` keeps the handler it adapts, for transports that skip Fetch. */
const direct = Symbol('roomlab.emulatorHandler');

type Adapted = FetchHandler & { [direct]?: EmulatorHandler; [fetchAdapterKey]?: FetchAdapter };

/** The emulator's handler as a Fetch handler (`emulator.handle`); it still carries the direct one. */
export function fetchHandler(serve: EmulatorHandler): FetchHandler {
  const handle: Adapted = async (request) => toFetchResponse(await serve(fromFetchRequest(request)));
  handle[direct] = serve;
  handle[fetchAdapterKey] = (request, readBody) => serve(fromFetchRequest(request, readBody));
  return handle;
}

/** The emulator's own handler behind `handle`, when `handle` came from `fetchHandler`. */
export function directHandlerOf(handle: FetchHandler): EmulatorHandler | undefined {
  return (handle as Adapted)[direct];
}

/**
 * The emulator's handler behind `handle`, or, for any other Fetch handler (a test's wrapper), one that
 * goes through it with the body read whole.
 */
export function emulatorHandlerOf(handle: FetchHandler): EmulatorHandler {
  return (
    directHandlerOf(handle) ??
    (async (request) => {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const body = hasBody ? await request.text(Number.MAX_SAFE_INTEGER) : '';
      const headers = request.headers as Record<string, string>;
      const response = await handle(
        new Request(request.url, { method: request.method, headers, body: body || undefined }),
      );
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: new Uint8Array(await response.arrayBuffer()),
      };
    })
  );
}

/** Reads a body, giving up (and cancelling the stream) once it passes the cap, so a huge upload costs nothing. */
export const readCapped: FetchBodyReader = async (request, maxBytes) => {
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // The client is answered 20413 either way; a stream that fails to cancel is already broken.
      await reader.cancel().catch((error: unknown) => {
        throw new TwilioError(20413, `${tooLarge(maxBytes).message} (${String(error)})`);
      });
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/** A Fetch request as the emulator's request: the headers copied once, the body read on demand. */
export function fromFetchRequest(request: Request, readBody: FetchBodyReader = readCapped): EmulatorRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    url: new URL(request.url),
    headers,
    text: readOnce(async (maxBytes) => {
      if (request.body === null) return '';
      if (Number(headers['content-length'] ?? '0') > maxBytes) throw tooLarge(maxBytes);
      const bytes = await readBody(request, maxBytes);
      if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
      return utf8(bytes);
    }),
  };
}

export function toFetchResponse(answer: EmulatorResponse): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
