import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SeedResult } from '../control/seed.js';
import { controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { targetUrl } from './target.js';

async function fixtureIn(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What the seed made, as a tree of SIDs a person can copy into the next command. */
function describeSeed(result: SeedResult): string {
  const rooms = result.accounts.flatMap((account) => account.rooms);
  const participants = rooms.flatMap((room) => room.participants).length;
  return [
    ...result.accounts.flatMap((account) => [
      `account ${account.sid}`,
      ...account.rooms.flatMap((room) => [
        `  room ${room.sid}  ${room.uniqueName}`,
        ...room.participants.map(
          (participant) => `    participant ${participant.sid}  ${participant.identity}`,
        ),
      ]),
    ]),
    `seeded ${plural(rooms.length, 'room')} and ${plural(participants, 'participant')} in ${plural(result.accounts.length, 'account')}`,
  ].join('\n');
}

async function seed(file: string, options: { url?: string }): Promise<CommandResult> {
  const client = controlClient(targetUrl(options.url));
  const result = await client.post<SeedResult>('seed', { body: await fixtureIn(file) });
  process.stdout.write(`${describeSeed(result)}\n`);
  return succeeded;
}

/** `roomlab seed FILE`: POSTs a fixture to `/_roomlab/seed` (a roomlab command). */
export function addSeedCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const help = {
    summary: 'add the accounts, rooms and participants of a JSON fixture',
    description:
      'Seeds the running emulator with a JSON fixture (POST /_roomlab/seed; its shape is in the emulator ' +
      'README), all or nothing, and prints the SIDs of what it made.',
    examples: ['roomlab seed fixtures/standup.json'],
  };
  controlCommand(program, 'seed', help, (command) =>
    command.argument(
      '<FILE>',
      'a JSON fixture: {"accounts":[{"rooms":[{"uniqueName":...,"participants":[...]}]}]}',
    ),
  ).action((file: string, options: { url?: string }) => finish(seed(file, options)));
}
