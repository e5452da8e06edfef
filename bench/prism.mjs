// Prism (`@stoplight/prism-cli`), the OpenAPI mock a user could pick instead of roomlab, mocking the
// Video spec roomlab vendors (packages/core/spec/twilio_video_v1.json): a column of section 1. It runs
// as its own process, started here on a port the OS picked and stopped when the section is done.
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const prismCli = fileURLToPath(new URL('./node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const videoSpec = fileURLToPath(new URL('../packages/core/spec/twilio_video_v1.json', import.meta.url));

/** A port free right now: the OS picks one for a listener that closes at once (Prism takes no port 0). */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Whether something answers HTTP on the port yet. */
const answers = (port) =>
  new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path: '/v1/Rooms', method: 'GET' }, (response) => {
      response.resume();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
    probe.end();
  });

/** Starts `prism mock` on the Video spec; resolves once it answers, with its port and `close()`. */
export async function startPrism({ timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismCli, 'mock', '--port', String(port), '--host', '127.0.0.1', '--verboseLevel', 'warn', videoSpec],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`prism mock did not start on port ${port}: ${stderr.slice(-500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, close };
}
