import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningServer, startServer } from '../server.js';
import { cliRun } from './run-cli.js';

/**
 * An emulator on a free loopback port for the control commands' tests, made before them and closed
 * after them, back to its start-up state before each; `roomlab` runs against it through `--url`.
 */
export function controlTarget() {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer({ port: 0, media: false });
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running?.emulator.control.reset();
  });
  const server = () => {
    if (!running) throw new Error('the emulator has not started');
    return running;
  };
  return {
    server,
    /** `roomlab ARGS --url <this emulator>`, to its end. */
    roomlab: (args: string[], env: NodeJS.ProcessEnv = {}) => cliRun([...args, '--url', server().url], env),
  };
}
