import type { Command } from 'commander';
import type { CommandResult } from '../command-result.js';
import { type CommonOptions, runApiOperation } from './api-command-runner.js';
import type { ApiOperation } from './api-operations.js';
import { addCommonOptions } from './common-options.js';

// The Twilio Video guide says `twilio api:video:v1:rooms:RMXXX:delete`, which the twilio CLI does not have
// (a room is ended, not deleted: `api:video:v1:rooms:update --sid RM... --status completed`). roomlab
// accepts the guide's form as an alias of exactly that, and says so: a roomlab extension.
const aliasPattern = /^api:video:v1:rooms:([^:]+):delete$/;

export interface RoomDeleteAlias {
  register(program: Command, finish: (result: Promise<CommandResult>) => void): void;
}

/** The alias named by `first` (`api:video:v1:rooms:RM...:delete`, or a room's unique name), if it is one. */
export function roomDeleteAlias(first: string, operations: ApiOperation[]): RoomDeleteAlias | undefined {
  const room = aliasPattern.exec(first)?.[1];
  const update = operations.find(({ id }) => id === 'api:video:v1:rooms:update');
  if (!room || !update) return undefined;
  return {
    register(program, finish) {
      const command = program
        .command(first)
        .description(
          `Completes room ${room}, as api:video:v1:rooms:update --sid ${room} --status completed does ` +
            "(a roomlab alias for the Twilio Video guide's form, which the twilio CLI does not have).",
        );
      addCommonOptions(command, 'update', update.defaultProperties).action(() => {
        process.stderr.write(
          `roomlab: ${first} is a roomlab alias (the twilio CLI has no such command): ` +
            `completing the room with api:video:v1:rooms:update --sid ${room} --status completed\n`,
        );
        finish(runApiOperation(update, { sid: room, status: 'completed' }, command.opts<CommonOptions>()));
      });
    },
  };
}
