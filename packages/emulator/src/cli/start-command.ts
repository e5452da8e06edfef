import type { Command } from 'commander';
import { createEmulator, type Emulator } from '../emulator.js';
import { createSfu } from '../lazy-media.js';
import { diskMediaStorage } from '../media/disk-media-storage.js';
import { caDirectory } from '../proxy/ca-directory.js';
import { routingLines } from '../proxy/proxy-routing.js';
import { startServer } from '../server.js';
import { keepStateIn, type StateFile } from '../state-file.js';
import { builtInspectorAssets } from '../ui/directory-assets.js';
import { inspectorPath } from '../ui/serve-inspector-ui.js';
import { type CommandResult, UsageError } from './command-result.js';

export interface StartOptions {
  port: string;
  host: string;
  config?: string;
  stateFile?: string;
  dataDir?: string;
  keepCompletedRooms?: string;
  proxy: boolean;
}

export const startSummary = 'start the Twilio Video emulator (the default command)';

export function addStartCommand(program: Command, run: (result: Promise<CommandResult>) => void): void {
  program
    .command('start')
    .summary(startSummary)
    .description(
      'Starts the Twilio Video emulator and prints its base URL, default credentials, and the environment ' +
        'that routes an unchanged app to it through its proxy.',
    )
    .usage(
      '[--port N] [--host H] [--config FILE] [--state-file FILE] [--data-dir DIR] [--keep-completed-rooms N] [--no-proxy]',
    )
    .option('-p, --port <N>', 'port to listen on (0 picks a free port)', '4010')
    .option('--host <H>', 'interface to listen on', '127.0.0.1')
    .option(
      '-c, --config <FILE>',
      'JSON file declaring fixed accounts and API keys (see the emulator README)',
    )
    .option(
      '--state-file <FILE>',
      'keep state across restarts: restored from FILE at start, saved to it on every change and at exit',
    )
    .option(
      '--data-dir <DIR>',
      'where recordings and compositions are written, and kept (default: a temporary directory removed at ' +
        "exit); the proxy's local CA is kept in DIR/ca",
    )
    .option(
      '--keep-completed-rooms <N>',
      'how many ended rooms each account keeps (default 10000); older ones are dropped, and are 20404 from ' +
        'then on (a roomlab extension: Twilio keeps every room)',
    )
    .option(
      '--no-proxy',
      "do not serve as an HTTPS proxy for Twilio's hosts (by default the same port is one, with a local CA " +
        'kept in DIR/ca or $XDG_STATE_HOME/roomlab/ca, ~/.local/state/roomlab/ca)',
    )
    .action((options: StartOptions) => run(start(options)));
}

function portOf(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${raw}"`);
  return port;
}

function retentionOf(kept: string | undefined) {
  if (kept === undefined) return {};
  if (!/^\d{1,15}$/.test(kept))
    throw new UsageError(`--keep-completed-rooms must be a whole number of 0 or more, not "${kept}"`);
  return { retention: { completedRoomsPerAccount: Number(kept) } };
}

async function configOf(file: string | undefined) {
  if (!file) return {};
  try {
    // Loaded only with --config: its schema's library (zod) is not needed otherwise.
    return await (await import('../config-file.js')).readConfigFile(file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function emulatorFor(options: StartOptions): Promise<{ emulator: Emulator; stateFile?: StateFile }> {
  const retention = retentionOf(options.keepCompletedRooms);
  const config = await configOf(options.config);
  try {
    const emulator = createEmulator({
      ...config,
      ...retention,
      sfu: createSfu,
      mediaStorage: diskMediaStorage({ dataDir: options.dataDir }),
      inspectorAssets: builtInspectorAssets(),
    });
    const stateFile = options.stateFile ? await keepStateIn(options.stateFile, emulator) : undefined;
    return { emulator, stateFile };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Starts the server; the promise it answers never settles while the server runs. */
async function start(options: StartOptions): Promise<CommandResult> {
  const port = portOf(options.port);
  const { emulator, stateFile } = await emulatorFor(options);
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    const proxy = options.proxy ? { caDir: caDirectory(options.dataDir) } : undefined;
    running = await startServer({ port, host: options.host, emulator, proxy });
  } catch (error) {
    return { exitCode: 1, message: `cannot start on ${options.host}:${port}: ${(error as Error).message}` };
  }
  const { credentials } = running.emulator;
  // One write, so a reader of the pipe gets all of it at once.
  console.log(
    [
      `roomlab listening on ${running.url}`,
      `  account SID      ${credentials.accountSid}`,
      `  auth token       ${credentials.authToken}`,
      `  API key SID      ${credentials.apiKeySid}`,
      `  API key secret   ${credentials.apiKeySecret}`,
      `  inspector        ${running.url}${inspectorPath}/`,
      ...(options.dataDir ? [`  media files in   ${options.dataDir}`] : []),
      ...(running.proxy ? routingLines(running.proxy) : []),
    ].join('\n'),
  );
  const stop = () => {
    stateFile?.stop();
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<CommandResult>(() => undefined);
}
