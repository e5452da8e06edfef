import { isSid, TwilioError, type TwilioErrorCode, twilioErrorCatalog } from '@roomlab/core';
import { listenerSet } from '../listener-set.js';

/**
 * Faults a test injects on purpose: extra latency, a chosen Twilio error on matching requests (for the
 * next N of them, or at a rate), 429 with Retry-After for the `twilio` client's autoRetry, dropped
 * or delayed status callbacks, and Video Insights summaries that never finish.
 */
export interface RestFault {
  kind: 'rest';
  id: string;
  /** Only requests of this method (any when absent). */
  method?: string;
  /** Only paths starting with this (any when absent). */
  path?: string;
  /** Answer with this Twilio error (its catalogue status), e.g. 20429 or 20500. */
  errorCode?: TwilioErrorCode;
  /** With 20429: the Retry-After seconds to send. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (alone, or before the error). */
  latencyMs?: number;
  /** Apply to this many matching requests, then stop (unlimited when absent). */
  times?: number;
  /** Apply to this share of matching requests, 0–1 (every one when absent). */
  rate?: number;
}

export interface WebhookFault {
  kind: 'webhook';
  id: string;
  /** Only this event, e.g. `room-ended` (any when absent). */
  event?: string;
  action: 'drop' | 'delay';
  delayMs?: number;
  times?: number;
  rate?: number;
}

/**
 * Video Insights' summarization of a room stalls: once the room ends its summary is `not_started`, and
 * `timeout` when Twilio's documented thirty minutes have passed. It lasts while the fault is active.
 */
export interface InsightsFault {
  kind: 'insights';
  id: string;
  action: 'stall';
  /** Only this room (every room when absent). */
  roomSid?: string;
}

export type Fault = RestFault | WebhookFault | InsightsFault;
export type FaultInput = Omit<RestFault, 'id'> | Omit<WebhookFault, 'id'> | Omit<InsightsFault, 'id'>;

/** Checks a fault a client sent; throws Twilio's 20001 naming the first problem. */
export function parseFault(input: unknown, id: string): Fault {
  const bad = (reason: string) => new TwilioError(20001, `Invalid fault: ${reason}`);
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw bad('it must be a JSON object');
  const raw = input as Record<string, unknown>;
  const optionalNumber = (name: string, min: number, max: number) => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw bad(`${name} must be a number from ${min} to ${max}`);
    }
    return value;
  };
  const optionalString = (name: string) => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > 256) throw bad(`${name} must be a string`);
    return value;
  };
  const times = optionalNumber('times', 1, 1_000_000);
  const rate = optionalNumber('rate', 0, 1);
  if (raw.kind === 'webhook') {
    if (raw.action !== 'drop' && raw.action !== 'delay') throw bad('action must be "drop" or "delay"');
    return {
      kind: 'webhook',
      id,
      action: raw.action,
      event: optionalString('event'),
      delayMs: optionalNumber('delayMs', 0, 600_000),
      times,
      rate,
    };
  }
  if (raw.kind === 'insights') {
    if (raw.action !== 'stall') throw bad('action must be "stall"');
    const roomSid = optionalString('roomSid');
    if (roomSid !== undefined && !isSid(roomSid, 'RM')) throw bad('roomSid must be a room SID (RM…)');
    return { kind: 'insights', id, action: 'stall', ...(roomSid ? { roomSid } : {}) };
  }
  if (raw.kind !== undefined && raw.kind !== 'rest')
    throw bad('kind must be "rest", "webhook" or "insights"');
  const errorCode = optionalNumber('errorCode', 0, 99_999);
  if (errorCode !== undefined && !(errorCode in twilioErrorCatalog))
    throw bad(`errorCode ${errorCode} is not a Twilio error roomlab knows`);
  const latencyMs = optionalNumber('latencyMs', 0, 600_000);
  if (errorCode === undefined && latencyMs === undefined)
    throw bad('give an errorCode, a latencyMs, or both');
  return {
    kind: 'rest',
    id,
    method: optionalString('method')?.toUpperCase(),
    path: optionalString('path'),
    errorCode: errorCode as TwilioErrorCode | undefined,
    retryAfterSeconds: optionalNumber('retryAfterSeconds', 0, 86_400),
    latencyMs,
    times,
    rate,
  };
}

/** The active faults, used up as they apply. `random` is injectable so rates are testable. */
export function faultTable(random: () => number = Math.random) {
  let faults: Fault[] = [];
  let nextId = 1;
  const changed = listenerSet<readonly Fault[]>();
  const take = <T extends RestFault | WebhookFault>(fault: T): boolean => {
    if (fault.rate !== undefined && random() >= fault.rate) return false;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) faults = faults.filter((each) => each !== fault);
      changed.emit(faults);
    }
    return true;
  };
  return {
    add(input: unknown): Fault {
      const fault = parseFault(input, `FT${String(nextId++).padStart(4, '0')}`);
      faults.push(fault);
      changed.emit(faults);
      return fault;
    },
    list: (): readonly Fault[] => faults,
    remove(id: string): boolean {
      const before = faults.length;
      faults = faults.filter((fault) => fault.id !== id);
      if (faults.length === before) return false;
      changed.emit(faults);
      return true;
    },
    clear(): void {
      const had = faults.length > 0;
      faults = [];
      if (had) changed.emit(faults);
    },
    /**
     * Calls `listener` with the active faults whenever they change: added, removed, cleared, or used
     * (a fault with `times` counts down, and goes when used up). Returns the function that stops it.
     */
    onChange: changed.add,
    /** The REST fault that applies to this request, if any (and counts it as used). */
    forRequest(method: string, path: string): RestFault | undefined {
      for (const fault of faults) {
        if (fault.kind !== 'rest') continue;
        if (fault.method !== undefined && fault.method !== method) continue;
        if (fault.path !== undefined && !path.startsWith(fault.path)) continue;
        if (take(fault)) return fault;
      }
      return undefined;
    },
    /** Whether a room's Insights summarization is stalled now (nothing is used up: it lasts). */
    stallsSummaryOf(roomSid: string): boolean {
      return faults.some(
        (fault) => fault.kind === 'insights' && (fault.roomSid === undefined || fault.roomSid === roomSid),
      );
    },
    /** The webhook fault that applies to this delivery, if any. */
    forWebhook(event: string): WebhookFault | undefined {
      for (const fault of faults) {
        if (fault.kind !== 'webhook') continue;
        if (fault.event !== undefined && fault.event !== event) continue;
        if (take(fault)) return fault;
      }
      return undefined;
    },
  };
}

export type FaultTable = ReturnType<typeof faultTable>;
