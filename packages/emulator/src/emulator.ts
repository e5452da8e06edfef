import {
  type AccountSeed,
  adjustableClock,
  type Clock,
  consoleLogger,
  createEngine,
  type Engine,
  isTwilioError,
  type Logger,
  type RoomRetention,
  randomSidSource,
  type SidSource,
  seededSidSource,
  TwilioError,
} from '@roomlab/core';
import { type Control, createControl } from './control/control.js';
import { controlPrefix, controlRoutes } from './control/control-routes.js';
import { faultTable } from './control/faults.js';
import { liveFeed } from './control/live-feed.js';
import { requestLog, type SentParams } from './control/request-log.js';
import {
  type EmulatorHandler,
  type EmulatorRequest,
  type EmulatorResponse,
  headerOf,
  jsonResponse,
} from './emulator-request.js';
import { type FetchHandler, fetchHandler } from './fetch-handler.js';
import { listenerSet } from './listener-set.js';
import { serveMediaDownloads } from './media/media-downloads.js';
import { mediaLinkPrefix, mediaLinks } from './media/media-links.js';
import { type MediaStorage, type MediaStorageFactory, noMediaStorage } from './media/media-storage.js';
import { createRestApi, defaultMaxBodyBytes, twilioErrorResponse } from './rest/rest-api.js';
import type { Sfu, SfuOptions } from './signaling/media/sfu.js';
import { type RoomSignaling, roomSignaling } from './signaling/room-signaling.js';
import { scheduleTimeouts } from './timeout-scheduler.js';
import type { InspectorAssets } from './ui/inspector-assets.js';
import { inspectorPath, serveInspectorUi } from './ui/serve-inspector-ui.js';
import { version } from './version.js';
import {
  deliverStatusCallbacks,
  type StatusCallbackDelivery,
  type StatusCallbackDeliveryOptions,
} from './webhooks/status-callback-delivery.js';

export interface EmulatorOptions {
  /**
   * Defaults to real time that the control API can move forward; pass `manualClock()` for time that
   * moves only when a test says so.
   */
  clock?: Clock;
  /** A SID source, or a seed for deterministic SIDs. Defaults to random SIDs. */
  sids?: SidSource | { seed: string };
  /**
   * Fixed accounts. The first (and its first API key) become the default credentials. Without
   * this, one account with one API key is made.
   */
  accounts?: AccountSeed[];
  /**
   * Whether an unknown account SID becomes an account, with the auth token it presents, on first
   * use. Defaults to true when no `accounts` are declared, false when they are.
   */
  provisionAccountsOnFirstUse?: boolean;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * How status callbacks are sent: the fetch to use, the wait before a retry, how many delivered ones
   * are kept, and how many failed ones wait for a redelivery.
   */
  statusCallbacks?: Pick<
    StatusCallbackDeliveryOptions,
    'fetch' | 'retryDelayMs' | 'capacity' | 'failedCapacity'
  >;
  /** Where fault rates draw their chance (default Math.random), so tests can make them certain. */
  random?: () => number;
  /**
   * The media server behind signaling (`createSfu` from this package's Node entry). Without one,
   * clients get signaling only: rooms, participants and track publications, but no media.
   */
  sfu?: (options: SfuOptions) => Sfu;
  /** The reconnect window signaling gives clients, in seconds (default 30, as Twilio). */
  sessionTimeoutSeconds?: number;
  /** How many engine events the event log keeps (default 10,000); older ones are dropped. */
  eventLogCapacity?: number;
  /** How many requests the control API's request log keeps (default 10,000); older ones are dropped. */
  requestLogCapacity?: number;
  /** Where errors no client can be told of are reported (default: the console). */
  logger?: Logger;
  /**
   * How many ended rooms each account keeps (default 10,000); older ones are dropped and are 20404 from
   * then on. A roomlab extension: Twilio keeps every room. `control.setRetention` changes it later.
   */
  retention?: RoomRetention;
  /**
   * Where recordings and compositions become files (`diskMediaStorage()` from this package's Node
   * entry). Without one (a browser page), recordings are made but fail when their capture ends.
   */
  mediaStorage?: MediaStorageFactory;
  /**
   * Where the inspector page's built files are, served at `/_roomlab/ui/` (`startServer` and `roomlab
   * start` give the package's own `dist/inspector/`). Without them (msw), that page is a 404 saying why.
   */
  inspectorAssets?: InspectorAssets;
}

/** The default account's credentials, for a `twilio` client or an access token. */
export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface Emulator {
  /** Serves every route of the emulated cloud, and the control API under `/_roomlab/`. */
  handle: FetchHandler;
  /** The one state machine behind every route. */
  engine: Engine;
  credentials: EmulatorCredentials;
  /** Status callbacks sent (or being sent) to rooms' StatusCallback URLs, with every attempt. */
  statusCallbacks: StatusCallbackDelivery;
  /** Reset, seed, snapshot, clock, logs and faults, as typed functions. */
  control: Control;
  /** The room-signaling protocol the `twilio-video` SDK speaks; a server attaches it to `/signaling`. */
  signaling: RoomSignaling;
  /** Where recordings and compositions are written and read back. */
  mediaStorage: MediaStorage;
  /**
   * Stops timers; the emulator answers no more timeouts afterwards. Media still being written is
   * finished in the background: await `mediaStorage.close()` to wait for it.
   */
  close(): void;
}

/** Query and form parameters, as sent, for the request log; the body is the one the route reads. */
const paramsOf = async (request: EmulatorRequest, maxBodyBytes: number): Promise<SentParams> => {
  const query = request.url.search.slice(1);
  const type = headerOf(request, 'content-type') ?? '';
  if (request.method === 'GET' || !type.startsWith('application/x-www-form-urlencoded'))
    return { query, form: '' };
  if (Number(headerOf(request, 'content-length') ?? '0') > loggedBodyBytes) return { query, form: '' };
  try {
    return { query, form: await request.text(maxBodyBytes) };
  } catch (error) {
    // A body too large or not UTF-8: the route answers the client that error; the log keeps the query.
    if (isTwilioError(error)) return { query, form: '' };
    throw error;
  }
};

/** Form bodies up to this size have their parameters in the request log. */
const loggedBodyBytes = 64 * 1024;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? adjustableClock();
  const sids =
    typeof options.sids === 'function'
      ? options.sids
      : options.sids
        ? seededSidSource(options.sids.seed)
        : randomSidSource();
  const engine = createEngine({
    clock,
    sids,
    provisionAccountsOnFirstUse: options.provisionAccountsOnFirstUse ?? options.accounts === undefined,
    eventLogCapacity: options.eventLogCapacity,
    logger: options.logger,
    retention: options.retention,
  });
  const seeds = options.accounts ?? [{ apiKeys: [{ friendlyName: 'roomlab default key' }] }];
  for (const seed of seeds) engine.addAccount(seed);
  const [first] = engine.accounts();
  if (!first) throw new Error('roomlab needs at least one account');
  if (first.apiKeys.size === 0)
    engine.createApiKey({ accountSid: first.sid }, { friendlyName: 'roomlab default key' });
  /** The first account and its first key, read live, so a restored state brings its own credentials. */
  const credentialsNow = (): EmulatorCredentials => {
    const account = engine.accounts()[0];
    const key = account ? [...account.apiKeys.values()][0] : undefined;
    return {
      accountSid: account?.sid ?? '',
      authToken: account?.authToken ?? '',
      apiKeySid: key?.sid ?? '',
      apiKeySecret: key?.secret ?? '',
    };
  };

  const startedAt = Date.now();
  const faults = faultTable(options.random);
  const log = requestLog(options.requestLogCapacity);
  const logger = options.logger ?? consoleLogger;
  const links = mediaLinks(clock);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const rest = createRestApi(engine, {
    maxBodyBytes,
    logger,
    mediaLinks: links,
    summaryStalled: (roomSid) => faults.stallsSummaryOf(roomSid),
  });
  const stopTimeouts = scheduleTimeouts(engine);
  const statusCallbacks = deliverStatusCallbacks(engine, {
    ...options.statusCallbacks,
    logger,
    authTokenOf: (accountSid) => engine.getAccount(accountSid)?.authToken,
    faultFor: (event) => faults.forWebhook(event),
  });
  const sfu = options.sfu?.({ logger });
  const signaling = roomSignaling(engine, () => `SE${crypto.randomUUID().replace(/-/g, '')}`, {
    sfu,
    sessionTimeoutSeconds: options.sessionTimeoutSeconds,
    logger,
  });
  const mediaStorage = (options.mediaStorage ?? noMediaStorage)({ engine, sfu, logger });
  const serveMedia = serveMediaDownloads(links, mediaStorage, logger);
  const resets = listenerSet<void>();
  const live = liveFeed({ engine, requests: log, statusCallbacks, faults, clock, resets, logger });
  const control = createControl({
    engine,
    clock,
    initial: engine.snapshot(),
    requestLog: log,
    faults,
    statusCallbacks,
    signaling,
    mediaStorage,
    live,
    resets,
  });
  const handleControl = controlRoutes(control, logger);
  const serveUi = serveInspectorUi(options.inspectorAssets, logger);

  /** Twilio's API, after any fault a test injected; every answer goes into the request log. */
  const serveApi = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const at = clock.now();
    const started = performance.now();
    const params = await paramsOf(request, maxBodyBytes);
    let response: EmulatorResponse;
    const fault = faults.forRequest(request.method, request.url.pathname);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.errorCode !== undefined) {
      const error = new TwilioError(
        fault.errorCode,
        `${new TwilioError(fault.errorCode).message} (injected by a roomlab fault)`,
      );
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      response = twilioErrorResponse(error, headers);
    } else {
      response = await rest(request);
    }
    log.record({
      at,
      method: request.method,
      path: request.url.pathname,
      sent: params,
      status: response.status,
      errorCode: response.errorCode ?? null,
      durationMs: performance.now() - started,
    });
    return response;
  };

  const serve: EmulatorHandler = async (request) => {
    const { url } = request;
    if (url.pathname === '/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return twilioErrorResponse(new TwilioError(20004, 'Method not allowed: /health answers GET'), {
          allow: 'GET',
        });
      }
      const health = { status: 'ok', version, uptime_seconds: Math.floor((Date.now() - startedAt) / 1000) };
      return jsonResponse(200, health, { 'content-type': 'application/json' });
    }
    if (url.pathname.startsWith(mediaLinkPrefix)) return serveMedia(request);
    if (url.pathname === inspectorPath || url.pathname.startsWith(`${inspectorPath}/`))
      return serveUi(request);
    if (url.pathname === controlPrefix || url.pathname.startsWith(`${controlPrefix}/`))
      return handleControl(request);
    return serveApi(request);
  };
  const handle = fetchHandler(serve);

  return {
    handle,
    engine,
    get credentials() {
      return credentialsNow();
    },
    statusCallbacks,
    control,
    signaling,
    mediaStorage,
    close() {
      // Open live streams end first, so no follower hears the shutdown as changes.
      live.close();
      signaling.close();
      mediaStorage.close().catch((error: unknown) => logger.error('closing the media storage failed', error));
      stopTimeouts();
      statusCallbacks.close();
      engine.dispose();
    },
  };
}
