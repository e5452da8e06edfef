import { type Command, InvalidArgumentError } from 'commander';
import type { LoggedRequest } from '../control/request-log.js';
import type { Delivery } from '../webhooks/status-callback-delivery.js';
import { painter, wantsColor } from './colors.js';
import { controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { type ControlClient, controlClient } from './control-client.js';
import { followUntilInterrupted } from './follow-loop.js';
import {
  callbackEntry,
  deliveryProgress,
  formatEntry,
  inTimeOrder,
  type LogEntry,
  requestEntry,
} from './log-entries.js';
import { targetUrl } from './target.js';

interface LogsOptions {
  follow?: boolean;
  requests?: boolean;
  callbacks?: boolean;
  limit: number;
  url?: string;
}

/** How often `--follow` asks for what is new. */
const followIntervalMs = 500;

function wholeNumberOfOne(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    throw new InvalidArgumentError('give a whole number of 1 or more');
  return Number(raw);
}

/**
 * Reads the request log and the status-callback deliveries, remembering what it has handed out: the
 * last request's id, and each delivery's state and attempts, so each new state is printed once.
 */
function logReader(client: ControlClient, options: LogsOptions) {
  const both = !options.requests && !options.callbacks;
  let first = true;
  let lastRequest = 0;
  let printed = new Map<string, string>();

  async function newRequests(signal: AbortSignal): Promise<LogEntry[]> {
    if (!both && !options.requests) return [];
    const query = first ? { Limit: options.limit } : { After: lastRequest };
    const { requests } = await client.get<{ requests: LoggedRequest[] }>('requests', { query, signal });
    lastRequest = requests.at(-1)?.id ?? lastRequest;
    return requests.map(requestEntry);
  }

  async function changedDeliveries(signal: AbortSignal): Promise<LogEntry[]> {
    if (!both && !options.callbacks) return [];
    const answer = await client.get<{ status_callbacks: Delivery[] }>('status-callbacks', { signal });
    const now = new Map(answer.status_callbacks.map((delivery) => [delivery.id, deliveryProgress(delivery)]));
    const changed = answer.status_callbacks.filter(
      (delivery) => printed.get(delivery.id) !== now.get(delivery.id),
    );
    // Only deliveries the emulator still keeps are remembered, so a long follow does not grow.
    printed = now;
    return changed.map(callbackEntry);
  }

  /** What is new since the last read (the newest `limit` on the first). */
  return async (signal: AbortSignal): Promise<LogEntry[]> => {
    const entries = inTimeOrder([...(await newRequests(signal)), ...(await changedDeliveries(signal))]);
    if (!first) return entries;
    first = false;
    return entries.slice(-options.limit);
  };
}

async function showLogs(options: LogsOptions): Promise<CommandResult> {
  const read = logReader(controlClient(targetUrl(options.url)), options);
  const paint = painter(wantsColor(process.stdout));
  const print = (entries: LogEntry[]) => {
    if (entries.length > 0)
      process.stdout.write(`${entries.map((entry) => formatEntry(entry, paint)).join('\n')}\n`);
  };
  print(await read(new AbortController().signal));
  if (!options.follow) return succeeded;
  return followUntilInterrupted(async (signal) => print(await read(signal)), followIntervalMs);
}

/** `roomlab logs`: the request log and status-callback deliveries, merged in time order (a roomlab command). */
export function addLogsCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: 'print the request log and status-callback deliveries, in time order',
    description:
      'Prints the requests the emulator answered (method, path, status, Twilio error code, duration) and its ' +
      'status-callback deliveries (event, URL, state, attempts), merged in time order; coloured on a ' +
      'terminal (NO_COLOR turns it off, FORCE_COLOR on). With --follow it keeps printing new requests and ' +
      "each delivery's new states until Ctrl-C.",
    examples: ['roomlab logs --follow', 'roomlab logs --callbacks --limit 10'],
  };
  controlCommand(program, 'logs', help, (command) =>
    command
      .option('-f, --follow', 'keep printing new entries until Ctrl-C')
      .option('--requests', 'only the request log')
      .option('--callbacks', 'only the status-callback deliveries')
      .option('--limit <N>', 'print at most the newest N entries at first', wholeNumberOfOne, 50),
  ).action((options: LogsOptions) => finish(showLogs(options)));
}
