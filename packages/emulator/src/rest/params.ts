import { TwilioError } from '@roomlab/core';
import { type EmulatorRequest, headerOf } from '../emulator-request.js';

/**
 * Request parameters as Twilio reads them: form-encoded PascalCase names, repeated keys for lists.
 * Accessors parse and check one parameter each and answer Twilio's 20001 for a malformed value.
 */
export interface Params {
  has(name: string): boolean;
  string(name: string): string | undefined;
  list(name: string): string[] | undefined;
  integer(name: string, range?: { min?: number; max?: number }): number | undefined;
  boolean(name: string): boolean | undefined;
  json(name: string): unknown;
  date(name: string): number | undefined;
  /** Every name and its values, for the request log. */
  entries(): [string, string][];
}

const maxValueLength = 64 * 1024;

export function invalidParameter(name: string, reason: string): TwilioError {
  return new TwilioError(20001, `Invalid parameter ${name}: ${reason}`);
}

export function paramsFrom(search: URLSearchParams): Params {
  const values = (name: string) => search.getAll(name);
  const last = (name: string): string | undefined => {
    const all = values(name);
    const value = all[all.length - 1];
    if (value !== undefined && value.length > maxValueLength) {
      throw invalidParameter(name, `the value is longer than ${maxValueLength} characters`);
    }
    return value;
  };
  return {
    has: (name) => search.has(name),
    string: last,
    list(name) {
      const all = values(name);
      if (all.length === 0) return undefined;
      if (all.length > 100) throw invalidParameter(name, 'at most 100 values are allowed');
      return all;
    },
    integer(name, range = {}) {
      const raw = last(name);
      if (raw === undefined) return undefined;
      if (!/^-?\d{1,15}$/.test(raw.trim()))
        throw invalidParameter(name, `"${raw.slice(0, 64)}" is not an integer`);
      const value = Number(raw.trim());
      if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
        throw invalidParameter(name, `${value} is not between ${range.min ?? '-∞'} and ${range.max ?? '∞'}`);
      }
      return value;
    },
    boolean(name) {
      const raw = last(name);
      if (raw === undefined) return undefined;
      const lower = raw.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw invalidParameter(name, `"${raw.slice(0, 64)}" is not true or false`);
    },
    json(name) {
      const raw = last(name);
      if (raw === undefined) return undefined;
      try {
        return JSON.parse(raw);
      } catch {
        throw invalidParameter(name, 'the value is not valid JSON');
      }
    },
    date(name) {
      const raw = last(name);
      if (raw === undefined) return undefined;
      // Twilio takes a day (YYYY-MM-DD) or an ISO-8601 date-time.
      const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(
        raw.trim(),
      );
      // A date-time without a zone is UTC, as Twilio reads it.
      const text = raw.trim().length === 10 ? `${raw.trim()}T00:00:00Z` : raw.trim();
      const value = ok ? Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`) : Number.NaN;
      if (Number.isNaN(value))
        throw invalidParameter(
          name,
          `"${raw.slice(0, 64)}" is not a date (YYYY-MM-DD) or ISO-8601 date-time`,
        );
      return value;
    },
    entries: () => [...search.entries()],
  };
}

/** A body's parameters, and whether they came as JSON (a roomlab extension) rather than a form. */
export interface RequestBody {
  params: URLSearchParams;
  json: boolean;
}

/**
 * Reads a form-encoded body, refusing other content types and oversized bodies. Where `acceptsJson`,
 * a JSON object is taken too (a roomlab extension for the JSON bodies Twilio's Video guide sends):
 * its camelCase keys become Twilio's PascalCase names, arrays repeated values, objects JSON text.
 */
export async function readBody(
  request: EmulatorRequest,
  maxBytes: number,
  acceptsJson = false,
): Promise<RequestBody> {
  if (request.method === 'GET' || request.method === 'DELETE')
    return { params: new URLSearchParams(), json: false };
  const type = (headerOf(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await request.text(maxBytes);
  if (text.length === 0) return { params: new URLSearchParams(), json: false };
  if (acceptsJson && type === 'application/json') return { params: jsonParams(text), json: true };
  if (type !== 'application/x-www-form-urlencoded') {
    throw new TwilioError(
      20001,
      'Invalid request body: Twilio takes parameters as application/x-www-form-urlencoded',
    );
  }
  return { params: parseForm(text), json: false };
}

/** A JSON object's fields as Twilio's form parameters (`roomSid` → `RoomSid`). */
function jsonParams(text: string): URLSearchParams {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TwilioError(20001, 'Invalid request body: it is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new TwilioError(20001, 'Invalid request body: a JSON body must be an object of parameters');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      params.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return params;
}

/**
 * Parses form-encoded text strictly: a stray `%` or a percent-escape that is not UTF-8 is an error
 * (URLSearchParams would quietly keep or replace it, and a mangled value would be obeyed).
 */
export function parseForm(text: string): URLSearchParams {
  for (const part of text.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new TwilioError(20001, `Invalid request: "${part.slice(0, 64)}" is not valid form encoding`);
    }
  }
  return new URLSearchParams(text);
}
