// @roomlab/testing requires this built file by its path (roomlabHandlers(), synchronously, without
// importing the rest of the emulator): keep its imports to msw and modules that import nothing else.
import { http, passthrough, type RequestHandler } from 'msw';
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
        return withLength(await now.handle(await buffered(request)));
      },
    ),
  ];
}

/**
 * msw's intercepted request streams its body only once the interceptor has the whole of it, and a
 * streaming read can stall on that in Node; reading it as one buffer is what msw's own resolvers do.
 */
async function buffered(request: Request): Promise<Request> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const body = await request.arrayBuffer();
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body.byteLength ? body : undefined,
  });
}

/**
 * Gives a response a Content-Length, as Twilio's responses have: without one, msw streams the mocked
 * body in a way Node's http client (axios, under the `twilio` library) never sees end.
 */
async function withLength(response: Response): Promise<Response> {
  if (response.headers.has('content-length') || response.body === null) return response;
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set('content-length', String(body.byteLength));
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
