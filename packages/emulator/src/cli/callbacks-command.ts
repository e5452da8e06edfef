import { type Command, Option } from 'commander';
import type { Delivery } from '../webhooks/status-callback-delivery.js';
import { actionBesideSubcommands, controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { type Column, formatList, type OutputFormat, withOutputOption } from './output-format.js';
import { targetUrl } from './target.js';

interface CallbacksOptions {
  roomSid?: string;
  state?: Delivery['state'];
  output: OutputFormat;
  url?: string;
}

const states: Delivery['state'][] = ['pending', 'delivered', 'failed', 'dropped'];

const columns: Column<Delivery>[] = [
  { heading: 'Id', value: (delivery) => delivery.id },
  { heading: 'Event', value: (delivery) => delivery.event },
  { heading: 'Room', value: (delivery) => delivery.roomSid },
  { heading: 'State', value: (delivery) => delivery.state },
  { heading: 'Attempts', value: (delivery) => String(delivery.attempts.length) },
  { heading: 'URL', value: (delivery) => `${delivery.method} ${delivery.url}` },
];

async function listCallbacks(options: CallbacksOptions): Promise<CommandResult> {
  const { status_callbacks: deliveries } = await controlClient(targetUrl(options.url)).get<{
    status_callbacks: Delivery[];
  }>('status-callbacks', { query: { RoomSid: options.roomSid, State: options.state } });
  if (options.output === 'columns' && deliveries.length === 0) {
    process.stdout.write('no status callbacks\n');
    return succeeded;
  }
  process.stdout.write(formatList(columns, deliveries, options.output));
  return succeeded;
}

async function redeliver(id: string | undefined, options: { roomSid?: string; url?: string }) {
  const { redelivered } = await controlClient(targetUrl(options.url)).post<{ redelivered: number }>(
    'status-callbacks/redeliver',
    { query: { Id: id, RoomSid: options.roomSid } },
  );
  process.stdout.write(`redelivered ${redelivered} status callback${redelivered === 1 ? '' : 's'}\n`);
  return succeeded;
}

/** `roomlab callbacks` and `roomlab callbacks redeliver`: status-callback deliveries (a roomlab command). */
export function addCallbacksCommand(
  program: Command,
  finish: (result: Promise<CommandResult>) => void,
): void {
  const help = {
    summary: 'list status-callback deliveries, or send failed ones again',
    description:
      'Lists the status callbacks the emulator sent or is sending, with their state and attempts ' +
      '(GET /_roomlab/status-callbacks); `callbacks redeliver` sends failed or dropped ones again.',
    examples: ['roomlab callbacks --state failed', 'roomlab callbacks redeliver --room-sid RM...'],
  };
  const callbacks = actionBesideSubcommands(
    controlCommand(program, 'callbacks', help, (command) =>
      withOutputOption(
        command
          .option('--room-sid <RM...>', "only this room's")
          .addOption(new Option('--state <state>', 'only deliveries in this state').choices(states)),
      ),
    ),
    (options: CallbacksOptions) => finish(listCallbacks(options)),
  );
  const again = {
    summary: 'send failed or dropped status callbacks again, in order',
    description:
      'Sends failed or dropped status callbacks again, in the order they were queued ' +
      '(POST /_roomlab/status-callbacks/redeliver): one by its Id, a room’s, or every one.',
    examples: [
      'roomlab callbacks redeliver',
      'roomlab callbacks redeliver 5f2c…',
      'roomlab callbacks redeliver --room-sid RM...',
    ],
  };
  controlCommand(callbacks, 'redeliver', again, (command) =>
    command.argument('[ID]', "one delivery's Id (as `roomlab callbacks` lists it)"),
  ).action((id: string | undefined, _options: unknown, command: Command) =>
    finish(redeliver(id, command.optsWithGlobals())),
  );
}
