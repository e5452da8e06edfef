import type { Command } from 'commander';
import { withTargetOption } from './target.js';

/** Ends a command's help with how it is used: one `$ roomlab ...` line per example. */
export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText(
    'after',
    `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((line) => `  $ ${line}`).join('\n')}`,
  );
}

/**
 * A command that does something itself and also has subcommands (`clock`, `clock advance`): commander
 * would take a misspelt subcommand for an extra argument, so it is refused here as the unknown command it is.
 */
function refuseUnknownSubcommand(command: Command): void {
  const [unknown] = command.args;
  if (unknown === undefined) return;
  const known = command.commands.map((each) => each.name()).join(', ');
  command.error(`error: unknown command '${unknown.slice(0, 64)}' (${command.name()} has ${known})`, {
    code: 'commander.unknownCommand',
  });
}

/**
 * Makes `act` the action of a command that also has subcommands (`roomlab clock` beside `clock advance`),
 * refusing a misspelt subcommand rather than taking it for an argument.
 */
export function actionBesideSubcommands<Options>(command: Command, act: (options: Options) => void): Command {
  return command.allowExcessArguments(true).action((options: Options, self: Command) => {
    refuseUnknownSubcommand(self);
    act(options);
  });
}

export interface CommandHelp {
  /** One line, for the list of commands. */
  summary: string;
  /** What it does, and the control route it calls. */
  description: string;
  /** Whole command lines, e.g. `roomlab clock advance 5m`. */
  examples: string[];
}

/**
 * A command of roomlab's own (over the control API): its help, its arguments and flags (added by
 * `declare`), then `--url` and the examples every one of them has.
 */
export function controlCommand(
  parent: Command,
  name: string,
  help: CommandHelp,
  declare: (command: Command) => unknown = () => undefined,
): Command {
  const command = parent.command(name).summary(help.summary).description(help.description);
  declare(command);
  withTargetOption(command);
  return withExamples(command, ...help.examples);
}
