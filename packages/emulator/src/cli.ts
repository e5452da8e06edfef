import { Command, CommanderError } from 'commander';
import { addApiCommands } from './cli/api/api-topics.js';
import { type CommandResult, UsageError } from './cli/command-result.js';
import { addControlCommands } from './cli/control-commands.js';
import { addStartCommand } from './cli/start-command.js';
import { version } from './version.js';

/**
 * The `roomlab` program: `start` (the default), the control API as commands, and Twilio's REST API as
 * the twilio CLI names it (`api:video:v1:rooms:create`). Commander parses and writes the help.
 */
function cliProgram(finish: (result: Promise<CommandResult>) => void): Command {
  const program = new Command('roomlab')
    .description('roomlab: an offline twin of Twilio Video')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'roomlab: ')) });
  addStartCommand(program, finish);
  addControlCommands(program, finish);
  return program;
}

/** `roomlab` alone, or with only start's options, starts the emulator, as it always has. */
function withDefaultCommand(argv: string[]): string[] {
  const [first] = argv;
  const programOption = first === '-h' || first === '--help' || first === '-v' || first === '--version';
  return first === undefined || (first.startsWith('-') && !programOption) ? ['start', ...argv] : argv;
}

function report(result: CommandResult): number {
  if (result.message !== undefined) console.error(`roomlab: ${result.message}`);
  return result.exitCode;
}

/** Runs the CLI; returns an exit code, or never returns while the server runs. */
export async function main(argv: string[]): Promise<number> {
  let pending: Promise<CommandResult> | undefined;
  const program = cliProgram((result) => {
    pending = result;
  });
  try {
    await addApiCommands(program, argv, (result) => {
      pending = result;
    });
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return pending ? report(await pending) : 0;
  } catch (error) {
    // Commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) return report({ exitCode: 2, message: error.message });
    return report({ exitCode: 1, message: (error as Error).message });
  }
}
