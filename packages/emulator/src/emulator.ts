import {
  type AccountSeed,
  adjustableClock,
  type Clock,
  consoleLogger,
  createEngine,
  type Engine,
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
import { requestLog } from './control/request-log.js';
import type { FetchHandler } from './fetch-handler.js';
import { serveMediaDownloads } from './media/media-downloads.js';
import { mediaLinkPrefix, mediaLinks } from './media/media-links.js';
import { type MediaStorage, type MediaStorageFactory, noMediaStorage } from './media/media-storage.js';
import { createRestApi, twilioErrorResponse } from './rest/rest-api.js';
import type { Sfu, SfuOptions } from './signaling/media/sfu.js';
import { type RoomSignaling, roomSignaling } from './signaling/room-signaling.js';
import { scheduleTimeouts } from './timeout-scheduler.js';
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
  /** How status callbacks are sent: the fetch to use, the wait before a retry, how many are kept. */
  statusCallbacks?: Pick<StatusCallbackDeliveryOptions, 'fetch' | 'retryDelayMs' | 'capacity'>;
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

const errorCodeOf = async (response: Response): Promise<number | null> => {
  if (response.status < 400) return null;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === 'number' ? body.code : null;
  } catch {
    return null;
  }
};

const paramsOf = async (request: Request, url: URL): Promise<[string, string][]> => {
  const query = [...url.searchParams];
  const type = request.headers.get('content-type') ?? '';
  if (request.method === 'GET' || !type.startsWith('application/x-www-form-urlencoded')) return query;
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > 64 * 1024) return query;
  try {
    return [...query, ...new URLSearchParams(await request.clone().text())];
  } catch {
    return query;
  }
};

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
  const rest = createRestApi(engine, {
    maxBodyBytes: options.maxBodyBytes,
    logger,
    mediaLinks: links,
    summaryStalled: (roomSid) => faults.stallsSummaryOf(roomSid),
  });
  const stopTimeouts = scheduleTimeouts(engine);
  const statusCallbacks = deliverStatusCallbacks(engine, {
    ...options.statusCallbacks,
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
  const control = createControl({
    engine,
    clock,
    initial: engine.snapshot(),
    requestLog: log,
    faults,
    statusCallbacks,
    signaling,
  });
  const handleControl = controlRoutes(control, logger);

  /** Twilio's API, after any fault a test injected; every answer goes into the request log. */
  const serveApi = async (request: Request, url: URL): Promise<Response> => {
    const at = clock.now();
    const started = performance.now();
    const params = await paramsOf(request, url);
    let response: Response;
    const fault = faults.forRequest(request.method, url.pathname);
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
      response = await rest(request, url);
    }
    log.record({
      at,
      method: request.method,
      path: url.pathname,
      params,
      status: response.status,
      errorCode: await errorCodeOf(response),
      durationMs: performance.now() - started,
    });
    return response;
  };

  const handle: FetchHandler = async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return twilioErrorResponse(new TwilioError(20001, 'The request URL is not valid'));
    }
    if (url.pathname === '/health') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return twilioErrorResponse(new TwilioError(20004, 'Method not allowed: /health answers GET'), {
          allow: 'GET',
        });
      }
      return Response.json({
        status: 'ok',
        version,
        uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
      });
    }
    if (url.pathname.startsWith(mediaLinkPrefix)) return serveMedia(request, url);
    if (url.pathname === controlPrefix || url.pathname.startsWith(`${controlPrefix}/`))
      return handleControl(request, url);
    return serveApi(request, url);
  };

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
      signaling.close();
      mediaStorage.close().catch((error: unknown) => logger.error('closing the media storage failed', error));
      stopTimeouts();
      statusCallbacks.close();
      engine.dispose();
    },
  };
}
