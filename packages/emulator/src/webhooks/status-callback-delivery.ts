import {
  consoleLogger,
  type Engine,
  type EngineEvent,
  type Logger,
  statusCallbackOf,
  twilioSignature,
} from '@roomlab/core';
import { listenerSet } from '../listener-set.js';
import { connectionOverrides, type FailureKind } from './connection-overrides.js';
import { deliveryRecords } from './delivery-records.js';

/** One HTTP request made for a delivery. */
export interface DeliveryAttempt {
  /** When it started, in epoch milliseconds of real time. */
  startedAt: number;
  latencyMs: number;
  /** The receiver's HTTP status, or null when no answer came. */
  status: number | null;
  /** Why it failed, when it did: a connection error or timeout, or the non-2xx status. */
  error: string | null;
  /** The first kilobyte of the receiver's answer. */
  responseBody: string;
}

/** One status callback: the event, the request Twilio would make for it, and every attempt so far. */
export interface Delivery {
  /** Also sent as `I-Twilio-Idempotency-Token`, so a receiver can drop a retried duplicate. */
  id: string;
  /** The engine event's position in the log. */
  sequence: number;
  accountSid: string;
  roomSid: string;
  event: string;
  method: 'GET' | 'POST';
  url: string;
  params: Record<string, string>;
  /** `dropped` when a control-API fault swallowed it on purpose. */
  state: 'pending' | 'delivered' | 'failed' | 'dropped';
  /** When the event was queued for delivery, in epoch milliseconds of real time. */
  queuedAt: number;
  attempts: DeliveryAttempt[];
}

export interface StatusCallbackDeliveryOptions {
  /** The auth token each account signs with. */
  authTokenOf(accountSid: string): string | undefined;
  /** How requests are made (default: the global fetch). */
  fetch?: typeof fetch;
  /** Wait before a retry (default 1000 ms). */
  retryDelayMs?: number;
  /** A fault to apply to a delivery of this event, if the control API set one. */
  faultFor?(event: string): { action: 'drop' | 'delay'; delayMs?: number } | undefined;
  /** How many delivered callbacks the record keeps (default 10,000): the newest, in a ring buffer. */
  capacity?: number;
  /**
   * How many failed (or dropped) callbacks the record keeps until they are redelivered or cleared
   * (default 10,000): past it the oldest is forgotten, and the logger told.
   */
  failedCapacity?: number;
  /** Where a forgotten failed callback is reported (default: the console). */
  logger?: Logger;
}

export interface StatusCallbackDelivery {
  /** The deliveries kept (the newest `capacity` delivered, every failed one up to `failedCapacity`), oldest first. */
  deliveries(): readonly Delivery[];
  /** Forgets the record of finished deliveries. */
  clear(): void;
  /**
   * Sends failed (and dropped) deliveries again, in their order, each room's after what it has queued:
   * so an event is never lost for good when its receiver was down: all, a room's, or the one with this
   * `id`. Returns how many were requeued.
   */
  redeliver(filter?: { roomSid?: string; id?: string }): number;
  /**
   * Calls `listener` with a delivery whenever it changes: queued, each attempt made, finished, queued
   * again. It is the live record, changed in place later: read it at once. Returns the function that
   * stops it.
   */
  onChange(listener: (delivery: Delivery) => void): () => void;
  /** Resolves once every queued delivery has finished (delivered or failed). */
  idle(): Promise<void>;
  /** Stops taking events; deliveries under way finish. */
  close(): void;
}

/**
 * Posts each room's events to its StatusCallback, signed, in order, one at a time per room, without ever
 * holding up the engine: events queue and are sent in the background. Retries follow Twilio's connection
 * overrides; every attempt is recorded, and a delivery that finally fails stays in the record as failed
 * until it is redelivered (see delivery-records.ts for what the record keeps).
 */
export function deliverStatusCallbacks(
  engine: Engine,
  options: StatusCallbackDeliveryOptions,
): StatusCallbackDelivery {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const logger = options.logger ?? consoleLogger;
  const kept = deliveryRecords({ ...options, logger });
  const queues = new Map<string, Promise<void>>();
  const changed = listenerSet<Delivery>();
  let open = true;

  const enqueue = (delivery: Delivery) => {
    const previous = queues.get(delivery.roomSid) ?? Promise.resolve();
    const next = previous
      .then(() => deliver(delivery))
      .catch((error: unknown) => {
        // Not the receiver's answer (that is recorded) but a fault of ours: the delivery can be retried.
        delivery.state = 'failed';
        logger.error(
          `status callback ${delivery.event} of room ${delivery.roomSid} could not be sent`,
          error,
        );
      })
      .then(() => {
        kept.finish(delivery);
        changed.emit(delivery);
      });
    queues.set(delivery.roomSid, next);
    void next.finally(() => {
      if (queues.get(delivery.roomSid) === next) queues.delete(delivery.roomSid);
    });
  };

  const unsubscribe = engine.subscribe((event: EngineEvent) => {
    const callback = statusCallbackOf(event);
    if (!open || !callback) return;
    const delivery: Delivery = {
      id: `${event.room.sid}-${event.sequence}-${crypto.randomUUID()}`,
      sequence: event.sequence,
      accountSid: event.accountSid,
      roomSid: event.room.sid,
      event: event.name,
      method: callback.method,
      url: callback.url,
      params: callback.params,
      state: 'pending',
      queuedAt: Date.now(),
      attempts: [],
    };
    kept.queue(delivery);
    changed.emit(delivery);
    enqueue(delivery);
  });

  async function deliver(delivery: Delivery): Promise<void> {
    const fault = options.faultFor?.(delivery.event);
    if (fault?.action === 'drop') {
      delivery.state = 'dropped';
      return;
    }
    if (fault?.action === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    const authToken = options.authTokenOf(delivery.accountSid);
    const { url, overrides } = connectionOverrides(delivery.url);
    for (let attempt = 0; ; attempt++) {
      const failure = await attemptOnce(
        delivery,
        url,
        authToken ?? '',
        Math.min(overrides.totalTimeMs, overrides.readTimeoutMs),
      );
      if (failure === null) {
        delivery.state = 'delivered';
        return;
      }
      if (attempt >= overrides.retryCount || !overrides.retryOn.has(failure)) {
        delivery.state = 'failed';
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }

  async function attemptOnce(
    delivery: Delivery,
    url: string,
    authToken: string,
    timeoutMs: number,
  ): Promise<FailureKind | null> {
    const body = new URLSearchParams(delivery.params);
    const target = delivery.method === 'GET' ? `${url}${url.includes('?') ? '&' : '?'}${body}` : url;
    const signature = await twilioSignature(
      authToken,
      target,
      delivery.method === 'GET' ? {} : delivery.params,
    );
    const headers: Record<string, string> = {
      'user-agent': 'TwilioProxy/1.1',
      'x-twilio-signature': signature,
      'i-twilio-idempotency-token': delivery.id,
    };
    if (delivery.method === 'POST')
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    const startedAt = Date.now();
    const record = (status: number | null, error: string | null, responseBody = '') => {
      delivery.attempts.push({ startedAt, latencyMs: Date.now() - startedAt, status, error, responseBody });
      changed.emit(delivery);
    };
    try {
      const response = await send(target, {
        method: delivery.method,
        headers,
        body: delivery.method === 'POST' ? body.toString() : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = (await response.text()).slice(0, 1024);
      if (response.status >= 200 && response.status < 300) {
        record(response.status, null, text);
        return null;
      }
      record(response.status, `the receiver answered ${response.status}`, text);
      return response.status >= 500 ? '5xx' : '4xx';
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      record(
        null,
        timedOut ? `no answer within ${timeoutMs} ms` : `could not connect: ${(error as Error).message}`,
      );
      return timedOut ? 'rt' : 'ct';
    }
  }

  return {
    deliveries: () => kept.all(),
    clear: () => kept.clear(),
    redeliver(filter = {}) {
      const again = kept.requeue(
        (delivery) =>
          (filter.roomSid === undefined || delivery.roomSid === filter.roomSid) &&
          (filter.id === undefined || delivery.id === filter.id),
      );
      for (const delivery of again) {
        delivery.state = 'pending';
        changed.emit(delivery);
        enqueue(delivery);
      }
      return again.length;
    },
    onChange: changed.add,
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
    close() {
      open = false;
      unsubscribe();
    },
  };
}
