import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Fault } from '../control/faults.js';
import { actionBesideSubcommands, controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { describeFault, faultColumns } from './fault-lines.js';
import { numberArgument } from './number-argument.js';
import { formatList, type OutputFormat, withOutputOption } from './output-format.js';
import { targetUrl } from './target.js';

type Finish = (result: Promise<CommandResult>) => void;

interface TargetOptions {
  url?: string;
}

/** `faults add`'s flags, named as `POST /_roomlab/faults` names the fields (see faults.ts). */
interface AddOptions extends TargetOptions {
  json?: Record<string, unknown>;
  [field: string]: unknown;
}

function jsonObject(raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new InvalidArgumentError(`it is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidArgumentError('give a JSON object, e.g. \'{"errorCode":20500,"times":1}\'');
  return value as Record<string, unknown>;
}

const fieldFlags = [
  new Option('--kind <kind>', 'what it affects (default rest)').choices(['rest', 'webhook', 'insights']),
  new Option('--method <METHOD>', 'rest: only requests of this method'),
  new Option('--path <PREFIX>', 'rest: only paths starting with this'),
  new Option('--error-code <CODE>', "rest: answer with this Twilio error (its catalogue's status)").argParser(
    numberArgument,
  ),
  new Option('--retry-after-seconds <N>', 'rest: with 20429, the Retry-After to send').argParser(
    numberArgument,
  ),
  new Option('--latency-ms <N>', 'rest: wait this long before answering').argParser(numberArgument),
  new Option('--event <EVENT>', 'webhook: only this status callback event, e.g. room-ended'),
  new Option('--action <action>', 'webhook: drop or delay; insights: stall').choices([
    'drop',
    'delay',
    'stall',
  ]),
  new Option('--delay-ms <N>', 'webhook: with delay, how long').argParser(numberArgument),
  new Option('--room-sid <RM...>', 'insights: only this room'),
  new Option('--times <N>', 'apply to this many matches, then stop').argParser(numberArgument),
  new Option('--rate <R>', 'apply to this share of matches, 0 to 1').argParser(numberArgument),
];

const fieldNames = fieldFlags.map((flag) => flag.attributeName());

async function listFaults(options: TargetOptions & { output: OutputFormat }): Promise<CommandResult> {
  const { faults } = await controlClient(targetUrl(options.url)).get<{ faults: Fault[] }>('faults');
  if (options.output === 'columns' && faults.length === 0) process.stdout.write('no faults\n');
  else process.stdout.write(formatList(faultColumns, faults, options.output));
  return succeeded;
}

async function addFault(options: AddOptions): Promise<CommandResult> {
  const fields = Object.fromEntries(
    fieldNames.filter((name) => name in options).map((name) => [name, options[name]]),
  );
  const fault = await controlClient(targetUrl(options.url)).post<Fault>('faults', {
    body: options.json ?? fields,
  });
  process.stdout.write(`${describeFault(fault)}\n`);
  return succeeded;
}

async function removeFaults(id: string | undefined, options: TargetOptions): Promise<CommandResult> {
  await controlClient(targetUrl(options.url)).delete(
    id === undefined ? 'faults' : `faults/${encodeURIComponent(id)}`,
  );
  process.stdout.write(id === undefined ? 'removed every fault\n' : `removed ${id}\n`);
  return succeeded;
}

function declareAddFlags(add: Command): void {
  for (const flag of fieldFlags) add.addOption(flag);
  add.addOption(
    new Option('--json <JSON>', 'the fault as POST /_roomlab/faults takes it')
      .argParser(jsonObject)
      .conflicts(fieldNames),
  );
}

function addFaultsAdd(faults: Command, finish: Finish): void {
  const help = {
    summary: 'inject a fault: a Twilio error or latency on requests, a dropped or delayed callback, ...',
    description:
      'Injects a fault (POST /_roomlab/faults): give its fields as flags, or the whole JSON with --json. ' +
      'The emulator checks it and answers its ID.',
    examples: [
      'roomlab faults add --path /v1/Rooms --error-code 20429 --retry-after-seconds 1 --times 2',
      'roomlab faults add --kind webhook --action drop --event room-ended',
      'roomlab faults add --json \'{"method":"POST","errorCode":20500,"rate":0.1}\'',
    ],
  };
  controlCommand(faults, 'add', help, declareAddFlags).action((_options: AddOptions, command: Command) => {
    const options = command.optsWithGlobals<AddOptions>();
    if (options.json === undefined && !fieldNames.some((name) => name in command.opts()))
      command.error('error: describe the fault with flags (see --help) or --json');
    finish(addFault(options));
  });
}

/** `roomlab faults [add|remove|clear]`: the control API's fault injection (a roomlab command). */
export function addFaultsCommand(program: Command, finish: Finish): void {
  const help = {
    summary: 'list the active faults; add, remove or clear them',
    description: 'Lists the faults injected into the running emulator (GET /_roomlab/faults).',
    examples: ['roomlab faults', 'roomlab faults -o json'],
  };
  const faults = actionBesideSubcommands(
    controlCommand(program, 'faults', help, withOutputOption),
    (options: TargetOptions & { output: OutputFormat }) => finish(listFaults(options)),
  );
  addFaultsAdd(faults, finish);
  // `--url` may come before the subcommand or after it: either is the target.
  const remove = {
    summary: 'remove one fault',
    description: 'Removes one fault (DELETE /_roomlab/faults/ID).',
    examples: ['roomlab faults remove FT0001'],
  };
  controlCommand(faults, 'remove', remove, (command) =>
    command.argument('<ID>', "the fault's ID, e.g. FT0001"),
  ).action((id: string, _options: TargetOptions, command: Command) =>
    finish(removeFaults(id, command.optsWithGlobals())),
  );
  const clear = {
    summary: 'remove every fault',
    description: 'Removes every fault (DELETE /_roomlab/faults).',
    examples: ['roomlab faults clear'],
  };
  controlCommand(faults, 'clear', clear).action((_options: TargetOptions, command: Command) =>
    finish(removeFaults(undefined, command.optsWithGlobals())),
  );
}
