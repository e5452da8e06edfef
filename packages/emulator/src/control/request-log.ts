import { ringBuffer } from '@roomlab/core';
import { listenerSet } from '../listener-set.js';

/** One request the emulator answered, as the control API's request log shows it. */
export interface LoggedRequest {
  /** Position in the log, from 1. */
  id: number;
  /** When it arrived, in epoch milliseconds of the emulator's clock. */
  at: number;
  method: string;
  path: string;
  /** Query and form parameters, as sent (repeated keys keep every value). */
  params: [string, string][];
  status: number;
  /** Twilio's error code, when the answer was an error. */
  errorCode: number | null;
  durationMs: number;
}

export interface RequestLogFilter {
  method?: string;
  /** A path prefix, e.g. `/v1/Rooms`. */
  path?: string;
  status?: number;
  errorCode?: number;
  /** Only requests after this id. */
  after?: number;
  limit?: number;
}

/**
 * A request's parameters as they came: the query string and a form body's text. They are parsed only
 * when the log is read, so recording a request costs two strings rather than a list of pairs.
 */
export interface SentParams {
  query: string;
  form: string;
}

type Recorded = Omit<LoggedRequest, 'params'> & { sent: SentParams };

const parsed = ({ sent, ...entry }: Recorded): LoggedRequest => ({
  ...entry,
  params: [...new URLSearchParams(sent.query), ...new URLSearchParams(sent.form)],
});

/** How many requests the log keeps by default. */
export const defaultRequestLogCapacity = 10_000;

/** The newest `capacity` requests, oldest first (a ring buffer: older ones are dropped). */
export function requestLog(capacity = defaultRequestLogCapacity) {
  const entries = ringBuffer<Recorded>(capacity);
  const recorded = listenerSet<LoggedRequest>();
  let next = 1;
  return {
    record(entry: Omit<Recorded, 'id'>): void {
      const kept = { id: next++, ...entry };
      entries.push(kept);
      // Parsed for listeners only: with none (no inspector open), a request costs what it did.
      if (recorded.size > 0) recorded.emit(parsed(kept));
    },
    /** Calls `listener` with each request as it is recorded; returns the function that stops it. */
    onRecord: recorded.add,
    list(filter: RequestLogFilter = {}): LoggedRequest[] {
      const found = entries
        .items()
        .filter(
          (entry) =>
            (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
            (filter.path === undefined || entry.path.startsWith(filter.path)) &&
            (filter.status === undefined || entry.status === filter.status) &&
            (filter.errorCode === undefined || entry.errorCode === filter.errorCode) &&
            (filter.after === undefined || entry.id > filter.after),
        );
      return (filter.limit === undefined ? found : found.slice(-filter.limit)).map(parsed);
    },
    clear(): void {
      entries.clear();
    },
  };
}

export type RequestLog = ReturnType<typeof requestLog>;
