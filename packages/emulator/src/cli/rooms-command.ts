import type { EngineState, Room, RoomState } from '@roomlab/core';
import { type Command, Option } from 'commander';
import { actionBesideSubcommands, controlCommand } from './command-help.js';
import type { CommandResult } from './command-result.js';
import { succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { type Column, formatList, type OutputFormat, withOutputOption } from './output-format.js';
import { targetUrl } from './target.js';

interface RoomsOptions {
  accountSid?: string;
  status?: string;
  output: OutputFormat;
  url?: string;
}

/** One line of the table: a room, one of its participants, or one of their published tracks. */
interface RoomLine {
  depth: 0 | 1 | 2;
  sid: string;
  name: string;
  type: string;
  status: string;
  /** What it belongs to: a room's account, a participant's room, a track's participant. */
  parent: string;
}

function linesOf(room: RoomState): RoomLine[] {
  return [
    {
      depth: 0,
      sid: room.sid,
      name: room.uniqueName,
      type: room.type,
      status: room.status,
      parent: room.accountSid,
    },
    ...room.participants.flatMap((participant): RoomLine[] => [
      {
        depth: 1,
        sid: participant.sid,
        name: participant.identity,
        type: 'participant',
        status: participant.status,
        parent: room.sid,
      },
      ...participant.publishedTracks.map(
        (track): RoomLine => ({
          depth: 2,
          sid: track.sid,
          name: track.name,
          type: `${track.kind} track`,
          status: track.enabled ? 'enabled' : 'disabled',
          parent: participant.sid,
        }),
      ),
    ]),
  ];
}

/** On a terminal the tree shows by indentation; in tsv the Parent column says it. */
const columns = (indent: boolean): Column<RoomLine>[] => [
  { heading: 'SID', value: (line) => `${indent ? '  '.repeat(line.depth) : ''}${line.sid}` },
  { heading: 'Name', value: (line) => line.name },
  { heading: 'Type', value: (line) => line.type },
  { heading: 'Status', value: (line) => line.status },
  { heading: 'Parent', value: (line) => line.parent },
];

async function listRooms(options: RoomsOptions): Promise<CommandResult> {
  const client = controlClient(targetUrl(options.url));
  const state = await client.get<EngineState>('state', { query: { AccountSid: options.accountSid } });
  const rooms = state.accounts
    .flatMap((account) => account.rooms)
    .filter((room) => options.status === undefined || room.status === options.status);
  if (options.output === 'columns' && rooms.length === 0) {
    process.stdout.write(`no rooms${options.status ? ` ${options.status}` : ''}\n`);
    return succeeded;
  }
  const lines = rooms.flatMap(linesOf);
  process.stdout.write(formatList(columns(options.output === 'columns'), lines, options.output, rooms));
  return succeeded;
}

/** `roomlab rooms`: every account's rooms, their participants and published tracks (a roomlab command). */
export function addRoomsCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: 'list the rooms of every account, with their participants and tracks',
    description:
      "Lists the rooms of every account (or one), each with its participants and their published tracks, from the running emulator's state (GET /_roomlab/state).",
    examples: ['roomlab rooms --status in-progress', 'roomlab rooms -o json'],
  };
  const rooms = actionBesideSubcommands(
    controlCommand(program, 'rooms', help, (command) =>
      withOutputOption(
        command
          .option('--account-sid <AC...>', 'only this account')
          .addOption(
            new Option('--status <status>', 'only rooms in this status').choices([
              'in-progress',
              'completed',
              'failed',
            ]),
          ),
      ),
    ),
    (options: RoomsOptions) => finish(listRooms(options)),
  );
  addCompleteCommand(rooms, finish);
}

async function completeRoom(room: string, options: { accountSid?: string; url?: string }) {
  const answer = await controlClient(targetUrl(options.url)).post<Room>('rooms/complete', {
    query: { RoomSid: room, AccountSid: options.accountSid },
  });
  process.stdout.write(`${answer.sid} (${answer.unique_name}): ${answer.status}\n`);
  return succeeded;
}

/** `roomlab rooms complete RM...`: as REST `Status=completed` does. */
function addCompleteCommand(rooms: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: 'complete a room, as REST Status=completed does',
    description:
      'Completes a room (POST /_roomlab/rooms/complete), as the REST update with Status=completed does: ' +
      'its participants are disconnected and the status callbacks go out. A unique name needs --account-sid.',
    examples: ['roomlab rooms complete RM...', 'roomlab rooms complete my-room --account-sid AC...'],
  };
  controlCommand(rooms, 'complete', help, (command) =>
    command.argument('<RoomSid>', 'the room: its SID (RM...), or its unique name with --account-sid'),
  ).action((room: string, _options: unknown, command: Command) =>
    finish(completeRoom(room, command.optsWithGlobals())),
  );
}
