import type { Participant } from '@roomlab/core';
import type { Command } from 'commander';
import { controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { targetUrl } from './target.js';

async function disconnect(participantSid: string, options: { url?: string }): Promise<CommandResult> {
  const participant = await controlClient(targetUrl(options.url)).post<Participant>(
    'participants/disconnect',
    { query: { ParticipantSid: participantSid } },
  );
  process.stdout.write(
    `${participant.sid} (${participant.identity}) in ${participant.room_sid}: ${participant.status}\n`,
  );
  return succeeded;
}

/** `roomlab participants disconnect PA...`: as REST `Status=disconnected` does (a roomlab command). */
export function addParticipantsCommand(
  program: Command,
  finish: (result: Promise<CommandResult>) => void,
): void {
  const participants = program
    .command('participants')
    .summary('act on a participant: disconnect')
    .description("Acts on a room's participant through the control API.");
  const help = {
    summary: 'disconnect a participant, as REST Status=disconnected does',
    description:
      'Disconnects a participant from its room (POST /_roomlab/participants/disconnect), as the REST ' +
      'update with Status=disconnected does: its SDK is told, and the status callbacks go out.',
    examples: ['roomlab participants disconnect PA...'],
  };
  controlCommand(participants, 'disconnect', help, (command) =>
    command.argument('<ParticipantSid>', 'the participant (PA...)'),
  ).action((sid: string, _options: unknown, command: Command) =>
    finish(disconnect(sid, command.optsWithGlobals())),
  );
}
