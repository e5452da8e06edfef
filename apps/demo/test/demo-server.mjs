// Starts the demo's server (server.mjs) on free ports, as the scenarios inside a network namespace do,
// and reads back what it printed.
import { spawn } from 'node:child_process';

/** The running server, all it printed up to its "roomlab demo on" line, and a reader of labelled values. */
export async function startDemoServer(env = {}) {
  const server = spawn(process.execPath, [new URL('../server.mjs', import.meta.url).pathname], {
    env: { ...process.env, PORT: '0', ROOMLAB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const printed = await new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      if (/roomlab demo on \S+/.test(output)) resolve(output);
    });
    server.once('exit', () => reject(new Error(`the demo server exited: ${output}`)));
  });
  const shown = (label) => new RegExp(`${label}\\s+(\\S+)`).exec(printed)?.[1] ?? '';
  return { server, printed, shown };
}
