import type { Command } from 'commander';
import { controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { targetUrl } from './target.js';

interface ResetOptions {
  accountSid?: string;
  url?: string;
}

async function reset(options: ResetOptions): Promise<CommandResult> {
  const client = controlClient(targetUrl(options.url));
  await client.post('reset', { query: { AccountSid: options.accountSid } });
  process.stdout.write(
    options.accountSid
      ? `reset account ${options.accountSid} to its reset point\n`
      : 'reset every account to the reset point; the request log, status callbacks and faults are cleared\n',
  );
  return succeeded;
}

/** `roomlab reset`: back to the reset point, all accounts or one (a roomlab command). */
export function addResetCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: 'put the emulator back to its reset point (start-up, or the state file it restored)',
    description:
      'Puts every account (or one) back as it was at start-up, or as the state file restored it ' +
      '(POST /_roomlab/reset). Resetting everything also clears the request log, status callbacks and faults.',
    examples: ['roomlab reset', 'roomlab reset --account-sid ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  };
  controlCommand(program, 'reset', help, (command) =>
    command.option('--account-sid <AC...>', 'only this account'),
  ).action((options: ResetOptions) => finish(reset(options)));
}
