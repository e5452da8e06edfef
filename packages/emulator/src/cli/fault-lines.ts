import type { Fault } from '../control/faults.js';
import type { Column } from './output-format.js';

/** Which requests, callbacks or rooms a fault applies to. */
function matchesOf(fault: Fault): string {
  if (fault.kind === 'rest')
    return `${fault.method ?? 'any method'} ${fault.path ? `${fault.path}*` : 'any path'}`;
  if (fault.kind === 'webhook') return fault.event ? `${fault.event} callbacks` : 'every callback';
  return fault.roomSid ?? 'every room';
}

/** What a fault does to what it matches. */
function effectOf(fault: Fault): string {
  if (fault.kind === 'insights') return 'Insights summaries stall';
  if (fault.kind === 'webhook')
    return fault.action === 'drop' ? 'dropped' : `delayed ${fault.delayMs ?? 1000} ms`;
  return [
    fault.errorCode === undefined ? '' : `error ${fault.errorCode}`,
    fault.retryAfterSeconds === undefined ? '' : `Retry-After ${fault.retryAfterSeconds} s`,
    fault.latencyMs === undefined ? '' : `${fault.latencyMs} ms latency`,
  ]
    .filter(Boolean)
    .join(', ');
}

const limitOf = (fault: Fault, key: 'times' | 'rate') => (fault.kind === 'insights' ? undefined : fault[key]);

/** The faults table: one fault a line. */
export const faultColumns: Column<Fault>[] = [
  { heading: 'ID', value: (fault) => fault.id },
  { heading: 'Kind', value: (fault) => fault.kind },
  { heading: 'Matches', value: matchesOf },
  { heading: 'Effect', value: effectOf },
  { heading: 'Times Left', value: (fault) => String(limitOf(fault, 'times') ?? 'unlimited') },
  { heading: 'Rate', value: (fault) => String(limitOf(fault, 'rate') ?? 1) },
];

/** One fault in a sentence, as `faults add` confirms it. */
export const describeFault = (fault: Fault) =>
  `added ${fault.id}: ${fault.kind}, ${matchesOf(fault)}: ${effectOf(fault)}`;
