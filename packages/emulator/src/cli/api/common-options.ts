import { type Command, InvalidArgumentError, Option } from 'commander';
import { withTargetOption } from '../target.js';
import type { ApiAction } from './api-operations.js';
import { logLevels } from './cli-logger.js';
import { outputFormats } from './output-formats.js';

function wholeNumber(raw: string): string {
  if (!/^[1-9]\d*$/.test(raw)) throw new InvalidArgumentError('it must be a whole number of 1 or more.');
  return raw;
}

/**
 * The twilio CLI's flags of an api command besides its parameters: `--properties` (not for remove),
 * `--no-header` (list and fetch), `--limit` (list), `-o`, `-l`, `--silent`; and roomlab's `--url`.
 */
export function addCommonOptions(command: Command, action: ApiAction, defaultProperties: string): Command {
  if (action !== 'remove')
    command.option(
      '--properties <properties>',
      'The properties you would like to display (JSON output always shows all properties).',
      defaultProperties,
    );
  if (action === 'list' || action === 'fetch')
    command.option('--no-header', 'Skip including of headers while listing the data.');
  if (action === 'list') {
    command.addOption(
      new Option(
        '--limit <number>',
        "The maximum number of resources to return. Use '--no-limit' to disable.",
      )
        .default('50')
        .argParser(wholeNumber),
    );
    command.addOption(new Option('--no-limit').hideHelp());
  }
  command
    .addOption(
      new Option('-o, --cli-output-format <format>', 'Format of command output.')
        .choices(outputFormats)
        .default('columns'),
    )
    .addOption(new Option('--output <format>').choices(outputFormats).hideHelp())
    .addOption(
      new Option('-l, --cli-log-level <level>', 'Level of logging messages.')
        .choices(Object.keys(logLevels))
        .default('info'),
    )
    .option('--silent', 'Suppress  output and logs. This is a shorthand for "-l none -o none".')
    .addOption(new Option('--skip-parameter-validation').hideHelp());
  return withTargetOption(command);
}
