import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InProcessTarget, twilioHandlersWhile } from '@roomlab/emulator/msw';

type HandlersWhile = typeof twilioHandlersWhile;

/**
 * roomlab's msw handlers for `roomlabHandlers()`, loaded (with msw) when first made, not when
 * `@roomlab/testing` is imported. Synchronously, as the app calls it in `setupServer(...)`: through
 * `require`, which loads an ES module since Node 20.19 (the version this package needs), sharing the msw
 * instance the app imports. The emulator's module that makes them imports msw alone, so it loads as it
 * is under any test runner's conditions (this repository's vitest points workspace packages at sources).
 */
function requiredHandlersWhile(): HandlersWhile {
  const require = createRequire(import.meta.url);
  const emulatorRoot = dirname(require.resolve('@roomlab/emulator/package.json'));
  try {
    return require(join(emulatorRoot, 'dist', 'msw-handlers.js')).twilioHandlersWhile;
  } catch (error) {
    // jest's own require loads ES modules from Node 24.9 on only.
    throw new Error(
      'roomlab: roomlabHandlers() could not load msw here (under jest, it needs Node 24.9 or later). ' +
        'Leave it out of setupServer(...): startEmulator({ msw: server }) adds roomlab’s handlers itself.',
      { cause: error },
    );
  }
}

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
export function roomlabHandlers(): ReturnType<HandlersWhile> {
  return handlersMadeBy(requiredHandlersWhile());
}

function handlersMadeBy(handlersWhile: HandlersWhile): ReturnType<HandlersWhile> {
  const handlers = handlersWhile(() => current);
  for (const handler of handlers) made.add(handler);
  return handlers;
}

/**
 * Makes `target` the emulator that answers through the app's server. When the server was not set up
 * with `roomlabHandlers()`, they are added after the app's own (whose handlers for a Twilio URL still
 * win) as initial handlers, so that `resetHandlers()` keeps them; `handlersWhile` makes them (imported
 * by the caller: no `require` on this path). Returns what undoes both.
 */
export function answerThrough(
  server: MswServer,
  target: InProcessTarget,
  handlersWhile: HandlersWhile,
): () => void {
  if (current)
    throw new Error(
      'roomlab: another emulator already answers through an msw server in this process; stop() it first.',
    );
  const before = server.listHandlers();
  assertSameKind(before);
  const added = before.some((handler) => made.has(handler)) ? [] : handlersMadeBy(handlersWhile);
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
