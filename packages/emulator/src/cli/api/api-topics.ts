import type { Command } from 'commander';
import type { CommandResult } from '../command-result.js';

/** The api topics `roomlab --help` lists, without loading the operations (a test keeps them in step). */
export const apiTopics = [
  {
    name: 'api',
    summary: "Twilio's REST API as the twilio CLI names it (roomlab api --help lists the topics)",
  },
  { name: 'api:video:v1', summary: 'Video v1: rooms, participants, tracks, recordings, compositions' },
  { name: 'api:insights:v1', summary: "Insights v1's video summaries of rooms and participants" },
  { name: 'api:core', summary: 'API v2010 (as the twilio CLI calls it): API keys' },
] as const;

/** Does the command line ask for an api command, or for an api topic's help? */
function wantsApi(argv: string[]): boolean {
  const [first, second] = argv;
  return first?.startsWith('api') === true || (first === 'help' && second?.startsWith('api') === true);
}

/**
 * Adds the `api:*` commands: all of them (loaded now, on first need) when the command line names one,
 * else only the topics, for `roomlab --help`.
 */
export async function addApiCommands(
  program: Command,
  argv: string[],
  finish: (result: Promise<CommandResult>) => void,
): Promise<void> {
  if (wantsApi(argv)) {
    const { addAllApiCommands } = await import('./api-commands.js');
    addAllApiCommands(program, argv[0] === 'help' ? argv[1] : argv[0], finish);
    return;
  }
  for (const { name, summary } of apiTopics)
    program
      .command(name)
      .summary(summary)
      .description(summary)
      .action(() => undefined);
}
