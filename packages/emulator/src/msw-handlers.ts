// @roomlab/testing requires this built file by its path (roomlabHandlers(), synchronously, without
// importing the rest of the emulator): keep its imports to msw and modules that import nothing else.
import { http, passthrough, type RequestHandler } from 'msw';
import type { EmulatorResponse } from './emulator-request.js';
import { type FetchAdapter, type FetchBodyReader, fetchAdapterKey } from './fetch-adapter-key.js';
import type { FetchHandler } from './fetch-handler.js';
import { twilioOrigins } from './twilio-origins.js';

/**
 * msw request handlers that answer Twilio's API hosts from a Fetch handler, for `setupServer` (Node)
 * or `setupWorker` (browser). Give them an emulator's `handle`.
 */
export function twilioHandlers(
  handle: FetchHandler,
  origins: readonly string[] = twilioOrigins,
): RequestHandler[] {
  // One mechanism: the handlers an app's server takes, answering always for this emulator alone.
  const always: InProcessTarget = { handle, passes: () => false };
  return twilioHandlersWhile(() => always, origins);
}

/** What `twilioHandlersWhile` answers for at a given moment: an emulator, and its own loopback servers. */
export interface InProcessTarget {
  handle: FetchHandler;
  /** URLs of the emulator's own servers (signaling, webhook receivers) that go through untouched. */
  passes(url: URL): boolean;
}

/**
 * Handlers for an app's own `setupServer(...)` that answer Twilio's hosts from whichever emulator
 * `target()` gives at the time of each request, and let that emulator's loopback servers through.
 * While it gives none they match nothing, so the app's `onUnhandledRequest` applies as before.
 */
export function twilioHandlersWhile(
  target: () => InProcessTarget | undefined,
  origins: readonly string[] = twilioOrigins,
): RequestHandler[] {
  const isTwilio = (url: URL) => origins.includes(url.origin);
  const matches = (url: URL, now = target()) => now !== undefined && (isTwilio(url) || now.passes(url));
  return [
    http.all(
      ({ request }) => matches(new URL(request.url)),
      async ({ request }) => {
        const now = target();
        if (!now || !isTwilio(new URL(request.url))) return passthrough();
        return withLength(await answerOf(now.handle, request));
      },
    ),
  ];
}

/** The emulator's answer (its own handler, the body read whole), or any other Fetch handler's, read whole. */
async function answerOf(handle: FetchHandler, request: Request): Promise<EmulatorResponse> {
  const adapter = (handle as { [fetchAdapterKey]?: FetchAdapter })[fetchAdapterKey];
  if (adapter) return adapter(request, wholeBody);
  // Passed on with its body read whole, which msw's intercepted request streams reliably.
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  const { method, headers } = request;
  const response = await handle(new Request(request.url, { method, headers, body }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: Object.fromEntries(response.headers), body: bytes };
}

/**
 * msw's intercepted request streams its body only once the interceptor has the whole of it, and a
 * streaming read can stall on that in Node; reading it as one buffer is what msw's own resolvers do.
 */
const wholeBody: FetchBodyReader = async (request) => new Uint8Array(await request.arrayBuffer());

/**
 * Gives a response a Content-Length, as Twilio's responses have: without one, msw streams the mocked
 * body in a way Node's http client (axios, under the `twilio` library) never sees end.
 */
function withLength(answer: EmulatorResponse): Response {
  const { status, headers, body } = answer;
  if (body === null || body instanceof ReadableStream) return new Response(body, { status, headers });
  const bytes = typeof body === 'string' ? textEncoder.encode(body) : body;
  return new Response(bytes, { status, headers: { ...headers, 'content-length': String(bytes.byteLength) } });
}

const textEncoder = new TextEncoder();
