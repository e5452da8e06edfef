import { type InProcessTarget, twilioHandlersWhile } from '@roomlab/emulator/msw';

/**
 * The app's own msw server (`setupServer(...)` from `msw/node`), as far as roomlab uses it. Typed
 * loosely so that a server from the app's copy of msw fits.
 */
export interface MswServer {
  listHandlers(): readonly object[];
  resetHandlers(...handlers: never[]): void;
}

/** The emulator that `roomlabHandlers()` answer for now: one per process, as with roomlab's own msw server. */
let current: InProcessTarget | undefined;
const made = new WeakSet<object>();

/**
 * msw handlers for the app's own `setupServer(...appHandlers, ...roomlabHandlers())`: they answer
 * Twilio's hosts from the emulator that `startEmulator({ msw: server })` started, and let its loopback
 * servers (signaling, webhook receivers) through. Being among the server's initial handlers, they
 * survive `server.resetHandlers()`; while no emulator is started they match nothing, so the app's
 * `onUnhandledRequest` applies to Twilio's hosts as before.
 */
export function roomlabHandlers(): ReturnType<typeof twilioHandlersWhile> {
  const handlers = twilioHandlersWhile(() => current);
  for (const handler of handlers) made.add(handler);
  return handlers;
}

/**
 * Makes `target` the emulator that answers through the app's server. When the server was not set up
 * with `roomlabHandlers()`, they are added after the app's own (whose handlers for a Twilio URL still
 * win) as initial handlers, so that `resetHandlers()` keeps them. Returns what undoes both.
 */
export function answerThrough(server: MswServer, target: InProcessTarget): () => void {
  if (current)
    throw new Error(
      'roomlab: another emulator already answers through an msw server in this process; stop() it first.',
    );
  const before = server.listHandlers();
  assertSameKind(before);
  const added = before.some((handler) => made.has(handler)) ? [] : roomlabHandlers();
  if (added.length > 0) server.resetHandlers(...([...before, ...added] as never[]));
  current = target;
  return () => {
    current = undefined;
    if (added.length === 0) return;
    const kept = server.listHandlers().filter((handler) => !added.includes(handler as never));
    // With no handler of the app's left, msw's reset would keep its initial list: roomlab's, now inert.
    if (kept.length > 0) server.resetHandlers(...(kept as never[]));
  };
}

/**
 * msw before the `kind` of handlers (a `__kind` instead) uses only handlers of its own sort, so it
 * would pass roomlab's over without a word: say so, as its handlers show.
 */
function assertSameKind(handlers: readonly object[]): void {
  if (handlers.some((handler) => '__kind' in handler && !('kind' in handler)))
    throw new Error(
      "roomlab: this msw server is from an older msw than roomlab's (2.15) and would ignore roomlab's handlers: upgrade msw so that one copy serves both (`npm ls msw`).",
    );
}
