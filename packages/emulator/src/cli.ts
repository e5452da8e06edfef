import { parseArgs } from 'node:util';
import { createEmulator, type Emulator } from './emulator.js';
import { createSfu } from './lazy-media.js';
import { diskMediaStorage } from './media/disk-media-storage.js';
import { caDirectory } from './proxy/ca-directory.js';
import { routingLines } from './proxy/proxy-routing.js';
import { startServer } from './server.js';
import { keepStateIn, type StateFile } from './state-file.js';
import { version } from './version.js';

const usage = `Usage: roomlab start [--port N] [--host H] [--config FILE] [--state-file FILE] [--data-dir DIR] [--keep-completed-rooms N] [--no-proxy]

Starts the Twilio Video emulator and prints its base URL, default credentials, and the environment
that routes an unchanged app to it through its proxy.

  --port N       port to listen on (default 4010; 0 picks a free port)
  --host H       interface to listen on (default 127.0.0.1)
  --config FILE  JSON file declaring fixed accounts and API keys (see the emulator README)
  --state-file FILE
                 keep state across restarts: restored from FILE at start, saved to it on every
                 change and at exit
  --data-dir DIR where recordings and compositions are written, and kept (default: a temporary
                 directory removed at exit); the proxy's local CA is kept in DIR/ca
  --keep-completed-rooms N
                 how many ended rooms each account keeps (default 10000); older ones are dropped,
                 and are 20404 from then on (a roomlab extension: Twilio keeps every room)
  --no-proxy     do not serve as an HTTPS proxy for Twilio's hosts (by default the same port is one,
                 with a local CA kept in DIR/ca or $XDG_STATE_HOME/roomlab/ca, ~/.local/state/roomlab/ca)
  -h, --help     show this help
  -v, --version  print the version`;

/** Runs the CLI; returns an exit code, or never returns while the server runs. */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`roomlab: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.version) {
    console.log(version);
    return 0;
  }
  const [command = 'start', ...extra] = positionals;
  if (command !== 'start' || extra.length > 0) {
    console.error(`roomlab: unknown command "${[command, ...extra].join(' ')}"\n\n${usage}`);
    return 2;
  }
  const port = Number(values.port ?? '4010');
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(values.port ?? '4010')) {
    console.error(`roomlab: --port must be a whole number from 0 to 65535, not "${values.port}"`);
    return 2;
  }
  let config = {};
  if (values.config) {
    try {
      // Loaded only with --config: its schema's library (zod) is not needed otherwise.
      config = await (await import('./config-file.js')).readConfigFile(values.config);
    } catch (error) {
      console.error(`roomlab: ${(error as Error).message}`);
      return 2;
    }
  }
  const kept = values['keep-completed-rooms'];
  if (kept !== undefined && !/^\d{1,15}$/.test(kept)) {
    console.error(`roomlab: --keep-completed-rooms must be a whole number of 0 or more, not "${kept}"`);
    return 2;
  }
  const retention = kept === undefined ? {} : { retention: { completedRoomsPerAccount: Number(kept) } };
  let emulator: Emulator;
  let stateFile: StateFile | undefined;
  try {
    const dataDir = values['data-dir'];
    emulator = createEmulator({
      ...config,
      ...retention,
      sfu: createSfu,
      mediaStorage: diskMediaStorage({ dataDir }),
    });
    if (values['state-file']) stateFile = await keepStateIn(values['state-file'], emulator);
  } catch (error) {
    console.error(`roomlab: ${(error as Error).message}`);
    return 2;
  }
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    const proxy = values.proxy ? { caDir: caDirectory(values['data-dir']) } : undefined;
    running = await startServer({ port, host: values.host ?? '127.0.0.1', emulator, proxy });
  } catch (error) {
    console.error(
      `roomlab: cannot start on ${values.host ?? '127.0.0.1'}:${port}: ${(error as Error).message}`,
    );
    return 1;
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
      ...(values['data-dir'] ? [`  media files in   ${values['data-dir']}`] : []),
      ...(running.proxy ? routingLines(running.proxy) : []),
    ].join('\n'),
  );
  const stop = () => {
    stateFile?.stop();
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    allowNegative: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'data-dir': { type: 'string' },
      'state-file': { type: 'string' },
      'keep-completed-rooms': { type: 'string' },
      proxy: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
