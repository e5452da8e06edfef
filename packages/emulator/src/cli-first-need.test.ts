import { mintAccessToken } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectScripted } from './signaling/scripted-participant.js';
import { runCli as run, stopCliRuns } from './test-support/run-cli.js';

afterEach(() => {
  stopCliRuns();
});

// The CLI loads jose, zod and ws when a request first needs them, not at start (cli-imports.test.ts):
// here each of them is needed by requests made together, as soon as the CLI says it is listening.
describe('roomlab start, then the first requests that need a library it loads on first need', () => {
  it('checks a token, refuses a bad seed naming the field, seeds, and takes a signaling connection', async () => {
    const cli = run(['start', '--port', '0']);
    const printed = await cli.ready();
    const token = await mintAccessToken({ ...printed, identity: 'alice', now: Date.now() });
    const control = (path: string, body: unknown) =>
      fetch(`${printed.url}/_roomlab/${path}`, { method: 'POST', body: JSON.stringify(body) });
    const fixture = { accounts: [{ sid: printed.accountSid, rooms: [{ uniqueName: 'seeded' }] }] };

    const [verified, refused, seeded, alice] = await Promise.all([
      control('tokens/verify', { token }),
      control('seed', { accounts: [{ sid: 'AC-not-a-sid' }] }),
      control('seed', fixture),
      connectScripted(`${printed.url.replace(/^http/, 'ws')}/signaling`, token, { name: 'first' }),
    ]);

    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ identity: 'alice', accountSid: printed.accountSid });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 20001,
      message: expect.stringContaining('accounts.0.sid: must be AC + 32 hex digits'),
    });
    expect(seeded.status).toBe(200);
    expect(await seeded.json()).toMatchObject({ accounts: [{ rooms: [{ uniqueName: 'seeded' }] }] });
    expect(alice.identity).toBe('alice');
    expect(alice.roomName).toBe('first');
    await alice.disconnect();
  });
});
