import type { Command } from 'commander';
import { addCallbacksCommand } from './callbacks-command.js';
import { addClockCommand } from './clock-command.js';
import type { CommandResult } from './command-result.js';
import { addFaultsCommand } from './faults-command.js';
import { addLogsCommand } from './logs-command.js';
import { addNetworkCommand } from './network-command.js';
import { addParticipantsCommand } from './participants-command.js';
import { addResetCommand } from './reset-command.js';
import { addRoomsCommand } from './rooms-command.js';
import { addSeedCommand } from './seed-command.js';

/** roomlab's own commands over its control API (`/_roomlab/`): not the twilio CLI's. */
export function addControlCommands(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  for (const add of [
    addRoomsCommand,
    addParticipantsCommand,
    addCallbacksCommand,
    addLogsCommand,
    addSeedCommand,
    addResetCommand,
    addClockCommand,
    addNetworkCommand,
    addFaultsCommand,
  ])
    add(program, finish);
}
