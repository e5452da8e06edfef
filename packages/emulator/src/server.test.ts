import { Agent, request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A GET of /health on a pooled socket; answers which socket carried it. */
function health(url: string, agent: Agent) {
  return new Promise<{ status: number | undefined; socket: unknown }>((resolve, reject) => {
    const req = request(`${url}/health`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, socket: req.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('keeps an idle keep-alive socket open past Node’s 5 s default, so a pooled client reuses it rather than racing its close', async () => {
  running = await startServer({ port: 0, media: false });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await health(running.url, agent);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const second = await health(running.url, agent);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.socket).toBe(first.socket);
  } finally {
    agent.destroy();
  }
}, 20_000);
