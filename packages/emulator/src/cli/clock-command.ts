import type { Command } from 'commander';
import type { ClockReading } from '../control/live-feed.js';
import { actionBesideSubcommands, controlCommand } from './command-help.js';
import { type CommandResult, succeeded } from './command-result.js';
import { controlClient } from './control-client.js';
import { parseDuration } from './duration.js';
import { targetUrl } from './target.js';

interface TargetOptions {
  url?: string;
}

async function showClock(options: TargetOptions): Promise<CommandResult> {
  const clock = await controlClient(targetUrl(options.url)).get<ClockReading>('clock');
  process.stdout.write(`${clock.iso} (${clock.now})\n`);
  return succeeded;
}

async function advanceClock(duration: string, options: TargetOptions): Promise<CommandResult> {
  const advanceMs = parseDuration(duration);
  const clock = await controlClient(targetUrl(options.url)).post<ClockReading>('clock', {
    body: { advanceMs },
  });
  process.stdout.write(`advanced ${duration}: now ${clock.iso} (${clock.now})\n`);
  return succeeded;
}

/** `roomlab clock` and `roomlab clock advance 5m`: the emulator's clock (a roomlab command). */
export function addClockCommand(program: Command, finish: (result: Promise<CommandResult>) => void): void {
  const clock = actionBesideSubcommands(
    controlCommand(program, 'clock', {
      summary: "print the emulator's clock, or move it forward",
      description: "Prints the emulator's time (GET /_roomlab/clock); `clock advance` moves it forward.",
      examples: ['roomlab clock', 'roomlab clock advance 5m'],
    }),
    (options: TargetOptions) => finish(showClock(options)),
  );
  const advance = {
    summary: 'move the clock forward: timeouts fire and tokens expire as if the time had passed',
    description:
      "Moves the emulator's clock forward (POST /_roomlab/clock): room timeouts fire and access tokens " +
      'expire as if the time had passed.',
    examples: ['roomlab clock advance 5m', 'roomlab clock advance 1h30m'],
  };
  controlCommand(clock, 'advance', advance, (command) =>
    command.argument('<DURATION>', 'how far: 500ms, 30s, 5m, 2h, 1h30m'),
  ).action(
    // `--url` may come before `advance` or after it: either is the target.
    (duration: string, _options: TargetOptions, command: Command) =>
      finish(advanceClock(duration, command.optsWithGlobals())),
  );
}
