import {
  type AccountSeed,
  type Clock,
  createEngine,
  type Engine,
  randomSidSource,
  type SidSource,
  seededSidSource,
  systemClock,
  TwilioError,
} from '@roomlab/core';
import type { FetchHandler } from './fetch-handler.js';
import { createRestApi, twilioErrorResponse } from './rest/rest-api.js';
import { scheduleTimeouts } from './timeout-scheduler.js';
import {
  deliverStatusCallbacks,
  type StatusCallbackDelivery,
  type StatusCallbackDeliveryOptions,
} from './webhooks/status-callback-delivery.js';

export interface EmulatorOptions {
  /** Defaults to the system clock; pass `manualClock()` to move time by hand. */
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
  /** How status callbacks are sent: the fetch to use, the wait before a retry. */
  statusCallbacks?: Pick<StatusCallbackDeliveryOptions, 'fetch' | 'retryDelayMs'>;
}

/** The default account's credentials, for a `twilio` client or an access token. */
export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface Emulator {
  /** Serves every route of the emulated cloud. */
  handle: FetchHandler;
  /** The one state machine behind every route. */
  engine: Engine;
  credentials: EmulatorCredentials;
  /** Status callbacks sent (or being sent) to rooms' StatusCallback URLs, with every attempt. */
  statusCallbacks: StatusCallbackDelivery;
  /** Stops timers; the emulator answers no more timeouts afterwards. */
  close(): void;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? systemClock();
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
  });
  const seeds = options.accounts ?? [{ apiKeys: [{ friendlyName: 'roomlab default key' }] }];
  for (const seed of seeds) engine.addAccount(seed);
  const [first] = engine.accounts();
  if (!first) throw new Error('roomlab needs at least one account');
  let key = [...first.apiKeys.values()][0];
  key ??= engine.createApiKey(first.sid, { friendlyName: 'roomlab default key' });
  const credentials: EmulatorCredentials = {
    accountSid: first.sid,
    authToken: first.authToken,
    apiKeySid: key.sid,
    apiKeySecret: key.secret,
  };

  const startedAt = Date.now();
  const rest = createRestApi(engine, { maxBodyBytes: options.maxBodyBytes });
  const stopTimeouts = scheduleTimeouts(engine);
  const statusCallbacks = deliverStatusCallbacks(engine, {
    ...options.statusCallbacks,
    authTokenOf: (accountSid) => engine.getAccount(accountSid)?.authToken,
  });

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
      return Response.json({ status: 'ok', uptime_seconds: Math.floor((Date.now() - startedAt) / 1000) });
    }
    return rest(request, url);
  };

  return {
    handle,
    engine,
    credentials,
    statusCallbacks,
    close() {
      stopTimeouts();
      statusCallbacks.close();
      engine.dispose();
    },
  };
}
