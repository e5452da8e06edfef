import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { XMLHttpRequestInterceptor } from '@mswjs/interceptors/XMLHttpRequest';

const fix =
  'Let roomlab answer through your server instead: `startEmulator({ msw: server })` from @roomlab/testing, ' +
  'or `twilioHandlers(emulator.handle)` from @roomlab/emulator in your `setupServer(...)`.';

/** What each way of meeting says. */
const messages = {
  'already-listening': `roomlab: another msw server (or a library built on @mswjs/interceptors) already intercepts this process, and two msw servers break each other. ${fix}`,
  'listened-after': `roomlab: another msw server started intercepting this process after roomlab's, and two msw servers break each other. ${fix}`,
  'roomlab-twice':
    'roomlab: another in-process emulator is already intercepting this process; stop() it first, or start this one with `mode: "server"`.',
} as const;

/**
 * Two msw servers in one process break each other: msw's `setupServer()` calls share one interception
 * source, so the second `listen()` drops the first one's handlers and answers each request twice
 * (`Body is unusable`), and any other copy of msw hooks into the interceptors already running. roomlab
 * intercepts with interceptors of its own, refuses to start while another msw server listens, and fails
 * requests with this error when one starts listening after it.
 */
export class MswConflictError extends Error {
  constructor(how: keyof typeof messages) {
    super(messages[how]);
    this.name = 'MswConflictError';
  }
}

type OwnInterceptor = ClientRequestInterceptor | XMLHttpRequestInterceptor | FetchInterceptor;
const kinds = [ClientRequestInterceptor, XMLHttpRequestInterceptor, FetchInterceptor] as const;

/** The interceptors `setupServer` would use, minus WebSocket: the SDK's signaling is served on loopback. */
export function ownInterceptors(): OwnInterceptor[] {
  return kinds.map((Kind) => new Kind());
}

const ours = new WeakSet<object>();

/**
 * What each copy of @mswjs/interceptors keeps on `globalThis` while it intercepts: its instance, under
 * a symbol named after its kind (`Symbol.for('fetch-interceptor')` since 0.38, a private
 * `Symbol('fetch')` before), so any copy's is found by name.
 */
const runningNames = new Set([
  'client-request-interceptor',
  'fetch-interceptor',
  'xhr-interceptor',
  'fetch',
  'xhr',
]);

function runningInterceptors(): object[] {
  const held = globalThis as Record<symbol, unknown>;
  return Object.getOwnPropertySymbols(globalThis)
    .filter((symbol) => runningNames.has(symbol.description ?? ''))
    .map((symbol) => held[symbol])
    .filter(
      (instance): instance is object => typeof (instance as { dispose?: unknown })?.dispose === 'function',
    );
}

/** Throws when anything already intercepts this process: another msw server, or roomlab's own. */
export function assertNothingIntercepts(): void {
  const [instance] = runningInterceptors();
  if (instance) throw new MswConflictError(ours.has(instance) ? 'roomlab-twice' : 'already-listening');
}

type RequestListener = (event: { controller: { errorWith(reason: Error): void } }) => void;
type Listened = { emitter?: { listenerCount(event: 'request'): number } };

/** Listeners for requests on an interceptor, read from its own emitter. */
const requestListeners = (interceptor: unknown) =>
  (interceptor as Listened | undefined)?.emitter?.listenerCount('request') ?? 0;

/**
 * Whether another msw server started listening after roomlab's: msw's interception source (a batch of
 * interceptors under one global name) hands its listeners to the running one, roomlab's, where they
 * never hear a request; another copy of msw adds its listeners to roomlab's interceptors beside the
 * two of roomlab's own (this guard and its server's), or, before 0.38, intercepts on top of them.
 */
const anotherListens = (interceptor: OwnInterceptor) =>
  requestListeners((globalThis as Record<symbol, unknown>)[Symbol.for('interceptor-source')]) > 0 ||
  requestListeners(interceptor) > 2 ||
  runningInterceptors().some((instance) => !ours.has(instance));

/**
 * Registered before roomlab's own server listens, so it runs first for each request: once another msw
 * server listens too, each request fails with the error that names the fix instead of reaching the
 * real network or the wrong handlers.
 */
export function guardInterceptors(interceptors: readonly OwnInterceptor[]): void {
  for (const interceptor of interceptors) {
    ours.add(interceptor);
    (interceptor as unknown as { on(event: 'request', listener: RequestListener): void }).on(
      'request',
      ({ controller }) => {
        if (anotherListens(interceptor)) controller.errorWith(new MswConflictError('listened-after'));
      },
    );
  }
}
