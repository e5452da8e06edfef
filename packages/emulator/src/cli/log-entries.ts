import type { LoggedRequest } from '../control/request-log.js';
import type { Delivery } from '../webhooks/status-callback-delivery.js';
import type { Paint, Style } from './colors.js';

/** One line of `roomlab logs`: a request the emulator answered, or a status callback in one state. */
export type LogEntry =
  | { kind: 'request'; at: number; request: LoggedRequest }
  | { kind: 'callback'; at: number; delivery: Delivery };

export const requestEntry = (request: LoggedRequest): LogEntry => ({
  kind: 'request',
  at: request.at,
  request,
});

/**
 * A delivery is placed at its event's time (the callback's `Timestamp`), which is on the emulator's
 * clock as the request log's times are, so the two merge in order even after the clock was advanced.
 */
export function callbackEntry(delivery: Delivery): LogEntry {
  const at = Date.parse(delivery.params.Timestamp ?? '');
  return { kind: 'callback', at: Number.isNaN(at) ? delivery.queuedAt : at, delivery };
}

/** Oldest first; at the same time a request goes before the callbacks it caused. */
export function inTimeOrder(entries: LogEntry[]): LogEntry[] {
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'request' ? -1 : 1));
}

/** A delivery's state and attempts: what `logs --follow` prints once each time it changes. */
export const deliveryProgress = (delivery: Delivery) => `${delivery.state}/${delivery.attempts.length}`;

const statusStyle = (status: number): Style =>
  status >= 500 ? 'red' : status >= 400 ? 'yellow' : status >= 300 ? 'cyan' : 'green';

const stateStyle: Record<Delivery['state'], Style> = {
  delivered: 'green',
  pending: 'yellow',
  failed: 'red',
  dropped: 'magenta',
};

const duration = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

function requestLine({ request }: { request: LoggedRequest }, paint: Paint): string {
  const style = statusStyle(request.status);
  return [
    paint('blue', 'request '),
    request.method.padEnd(6),
    request.path,
    paint(style, String(request.status)),
    ...(request.errorCode === null ? [] : [paint(style, `error ${request.errorCode}`)]),
    paint('dim', duration(request.durationMs)),
  ].join('  ');
}

/** The last attempt's failure, which says why a callback is failing. */
function lastFailure(delivery: Delivery): string[] {
  const last = delivery.attempts.at(-1);
  return last?.error ? [`(${last.error})`] : [];
}

function callbackLine({ delivery }: { delivery: Delivery }, paint: Paint): string {
  const attempts = delivery.attempts.length;
  return [
    paint('magenta', 'callback'),
    delivery.event,
    `${delivery.method} ${delivery.url}`,
    paint(stateStyle[delivery.state], delivery.state),
    `${attempts} attempt${attempts === 1 ? '' : 's'}`,
    ...lastFailure(delivery),
    paint('dim', delivery.roomSid),
  ].join('  ');
}

/** One readable line: the time, then what happened. */
export function formatEntry(entry: LogEntry, paint: Paint): string {
  const time = paint('dim', new Date(entry.at).toISOString());
  return `${time}  ${entry.kind === 'request' ? requestLine(entry, paint) : callbackLine(entry, paint)}`;
}
