import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The README's examples, run as a user would run them (against the built package).
const run = (name: string) =>
  promisify(execFile)(process.execPath, [new URL(`../examples/${name}`, import.meta.url).pathname], {
    timeout: 30_000,
  });

describe('the README examples', () => {
  it('in-process.mjs creates, lists and completes a room through msw', async () => {
    const { stdout } = await run('in-process.mjs');
    expect(stdout).toMatch(/^created RM[0-9a-f]{32} \(group, up to 4 participants\)$/m);
    expect(stdout).toMatch(/^in progress: standup$/m);
    expect(stdout).toMatch(/^completed: completed$/m);
  });

  it('over-http.mjs reaches a server on a free port and gets 53113 for a duplicate name', async () => {
    const { stdout } = await run('over-http.mjs');
    expect(stdout).toMatch(
      /^created RM[0-9a-f]{32} at http:\/\/127\.0\.0\.1:\d+\/v1\/Rooms\/RM[0-9a-f]{32}$/m,
    );
    expect(stdout).toMatch(/^second create refused: 400 53113$/m);
  });

  it('app-msw.mjs answers Twilio and the app’s own API from one msw server, across resetHandlers()', async () => {
    const { stdout } = await run('app-msw.mjs');
    expect(stdout).toMatch(/^created standup, up to 4 participants$/m);
    expect(stdout).toMatch(/^after resetHandlers: standup$/m);
  });
});
