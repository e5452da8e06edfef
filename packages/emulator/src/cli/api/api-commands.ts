import type { Command } from 'commander';
import type { CommandResult } from '../command-result.js';
import { type CommonOptions, type FlagValues, runApiOperation } from './api-command-runner.js';
import { flagName, parameterOptions } from './api-flags.js';
import { type ApiOperation, apiOperations } from './api-operations.js';
import { apiSpecs } from './api-spec.generated.js';
import { addCommonOptions } from './common-options.js';
import { roomDeleteAlias } from './room-delete-alias.js';

type Finish = (result: Promise<CommandResult>) => void;

/** An operation's flag values, by flag name, from what commander parsed. */
function flagValuesOf(operation: ApiOperation, command: Command): FlagValues {
  const values: FlagValues = {};
  for (const parameter of operation.parameters) {
    const [option] = parameterOptions(operation, parameter);
    const value = option ? command.getOptionValue(option.attributeName()) : undefined;
    if (value !== undefined) values[flagName(parameter)] = value;
  }
  return values;
}

function addOperationCommand(program: Command, operation: ApiOperation, finish: Finish): void {
  const command = program.command(operation.id).description(operation.description);
  for (const parameter of operation.parameters)
    for (const option of parameterOptions(operation, parameter)) command.addOption(option);
  addCommonOptions(command, operation.action, operation.defaultProperties).action(() =>
    finish(runApiOperation(operation, flagValuesOf(operation, command), command.opts<CommonOptions>())),
  );
}

/** What a topic holds, for its help: its sub-topics, then its commands. */
function topicListing(topic: string, topics: Map<string, string>, operations: ApiOperation[]): string {
  const depth = topic.split(':').length;
  const children = [...topics].filter(
    ([name]) => name.startsWith(`${topic}:`) && name.split(':').length === depth + 1,
  );
  const commands = operations.filter((operation) => operation.topic === topic);
  const width = Math.max(
    ...[...children.map(([name]) => name), ...commands.map(({ id }) => id)].map((n) => n.length),
  );
  const line = (name: string, text: string) => `  ${name.padEnd(width)}  ${text.split(/(?<=\.)\s/)[0] ?? ''}`;
  return [
    ...(children.length > 0 ? ['', 'Topics:', ...children.map(([name, text]) => line(name, text))] : []),
    ...(commands.length > 0
      ? ['', 'Commands:', ...commands.map(({ id, description }) => line(id, description))]
      : []),
  ].join('\n');
}

/** The twilio CLI's words for a domain's topic and a version's. */
function domainTopics(operations: ApiOperation[]): [string, string][] {
  return operations.flatMap(({ topic, spec }) => {
    const [api, domain, version] = topic.split(':');
    const host = new URL(spec.servers[0]?.url ?? 'https://twilio.com').hostname;
    const domainTopic: [string, string] = [`${api}:${domain}`, `resources under ${host}`];
    return domain === 'core'
      ? [domainTopic]
      : [domainTopic, [`${api}:${domain}:${version}`, `version ${version?.replace(/v/g, '')} of the API`]];
  });
}

/** Every topic (`api`, `api:video`, `api:video:v1`, `api:video:v1:rooms`...) with its description. */
function topicsOf(operations: ApiOperation[]): Map<string, string> {
  const topics = new Map<string, string>([
    ['api', 'advanced access to all of the Twilio APIs'],
    ...domainTopics(operations),
  ]);
  for (const operation of operations) {
    const parts = operation.topic.split(':');
    for (let length = parts.length; length > 1; length--) {
      const name = parts.slice(0, length).join(':');
      if (length === parts.length && !topics.get(name)) topics.set(name, operation.topicDescription);
      else if (!topics.has(name)) topics.set(name, '');
    }
  }
  return topics;
}

function addTopicCommand(program: Command, name: string, summary: string, listing: string): void {
  const command = program.command(name).description(summary || `the commands under ${name}`);
  command.addHelpText('after', listing).action(() => command.help());
}

/**
 * Registers every `api:*` operation of the vendored specs, each topic (whose help lists what is under it),
 * and, when `first` is one, the guide's `api:video:v1:rooms:RM...:delete` alias. Loaded only when the
 * command line asks for an api command: the table and these few hundred options are not start's.
 */
export function addAllApiCommands(program: Command, first: string | undefined, finish: Finish): void {
  const operations = apiOperations(apiSpecs);
  const topics = topicsOf(operations);
  for (const [name, summary] of topics)
    addTopicCommand(program, name, summary, topicListing(name, topics, operations));
  for (const operation of operations) addOperationCommand(program, operation, finish);
  const alias = first === undefined ? undefined : roomDeleteAlias(first, operations);
  if (alias) alias.register(program, finish);
}
