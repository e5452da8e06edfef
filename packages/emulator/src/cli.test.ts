import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintAccessToken } from '@roomlab/core';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { connectScripted } from './signaling/scripted-participant.js';
import { checkedHttpClient } from './test-support/checked-http-client.js';
import { runCli as run, stopCliRuns } from './test-support/run-cli.js';
import { emulatorHttpClient as plainHttpClient } from './twilio-http-client.js';

const problems: string[] = [];
/** Every response the tests' clients receive is checked against Twilio's spec. */
const emulatorHttpClient = (url: string) => checkedHttpClient(plainHttpClient(url), problems);

afterEach(() => {
  stopCliRuns();
  expect(problems.splice(0)).toEqual([]);
});

describe('the roomlab CLI', () => {
  it('starts on a free loopback port, prints its URL and credentials, serves /health and the API, and stops on SIGINT', async () => {
    const cli = run(['start', '--port', '0']);
    const printed = await cli.ready();
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(printed.apiKeySid).toMatch(/^SK[0-9a-f]{32}$/);

    const health = await fetch(`${printed.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptime_seconds: expect.any(Number),
    });

    const client = twilio(printed.apiKeySid, printed.apiKeySecret, {
      accountSid: printed.accountSid,
      httpClient: emulatorHttpClient(printed.url),
    });
    const room = await client.video.v1.rooms.create({ uniqueName: 'from-the-cli' });
    expect(room.url).toBe(`${printed.url}/v1/Rooms/${room.sid}`);
    expect(
      (
        await twilio(printed.accountSid, printed.authToken, {
          httpClient: emulatorHttpClient(printed.url),
        }).video.v1.rooms.list()
      ).map((r) => r.uniqueName),
    ).toEqual(['from-the-cli']);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    await expect(fetch(`${printed.url}/health`)).rejects.toThrow();
  });

  it('declares fixed accounts from a config file and refuses unknown ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomlab-cli-'));
    const config = join(dir, 'roomlab.json');
    const accountSid = `AC${'4'.repeat(32)}`;
    await writeFile(config, JSON.stringify({ accounts: [{ sid: accountSid, authToken: 'fixed-token' }] }));
    const cli = run(['start', '--port', '0', '--config', config]);
    const printed = await cli.ready();
    expect(printed).toMatchObject({ accountSid, authToken: 'fixed-token' });
    const stranger = twilio(`AC${'5'.repeat(32)}`, 'token', { httpClient: emulatorHttpClient(printed.url) });
    await expect(stranger.video.v1.rooms.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it('keeps state across restarts with --state-file: same credentials, same rooms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomlab-cli-'));
    const stateFile = join(dir, 'state.json');
    const first = run(['start', '--port', '0', '--state-file', stateFile]);
    const before = await first.ready();
    const client = (printed: typeof before) =>
      twilio(printed.accountSid, printed.authToken, { httpClient: emulatorHttpClient(printed.url) });
    const room = await client(before).video.v1.rooms.create({ uniqueName: 'survives' });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = run(['start', '--port', '0', '--state-file', stateFile]);
    const after = await second.ready();
    expect({ ...after, url: '' }).toEqual({ ...before, url: '' });
    const fetched = await client(after).video.v1.rooms('survives').fetch();
    expect({ sid: fetched.sid, dateCreated: fetched.dateCreated }).toEqual({
      sid: room.sid,
      dateCreated: room.dateCreated,
    });
  });

  it('writes recordings into --data-dir, where they stay after it stops', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roomlab-data-'));
    const cli = run(['start', '--port', '0', '--data-dir', dataDir]);
    const printed = await cli.ready();
    const client = twilio(printed.accountSid, printed.authToken, {
      httpClient: emulatorHttpClient(printed.url),
    });
    const room = await client.video.v1.rooms.create({
      uniqueName: 'kept',
      recordParticipantsOnConnect: true,
    });
    const token = await mintAccessToken({ ...printed, identity: 'alice', now: Date.now() });
    const signaling = `${printed.url.replace(/^http/, 'ws')}/signaling`;
    const alice = await connectScripted(signaling, token, {
      name: 'kept',
      tracks: [{ kind: 'audio', name: 'mic' }],
    });
    await client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await alice.waitFor(() => alice.ended !== undefined);
    const recordings = () => client.video.v1.recordings.list();
    await expect.poll(async () => (await recordings())[0]?.status, { timeout: 15_000 }).toBe('completed');
    const [recording] = await recordings();
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    const file = join(dataDir, printed.accountSid, 'recordings', `${recording?.sid}.mka`);
    expect((await stat(file)).size).toBe(recording?.size);
  });

  it('keeps only as many completed rooms as --keep-completed-rooms says', async () => {
    const cli = run(['start', '--port', '0', '--no-proxy', '--keep-completed-rooms', '1']);
    const printed = await cli.ready();
    const client = twilio(printed.accountSid, printed.authToken, {
      httpClient: emulatorHttpClient(printed.url),
    });
    const [first, second] = [await client.video.v1.rooms.create(), await client.video.v1.rooms.create()];
    for (const room of [first, second]) await client.video.v1.rooms(room.sid).update({ status: 'completed' });
    await expect(client.video.v1.rooms(first.sid).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    expect((await client.video.v1.rooms(second.sid).fetch()).status).toBe('completed');
  });

  it('refuses a state file that is not a snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomlab-cli-'));
    const stateFile = join(dir, 'state.json');
    await writeFile(stateFile, '{"hello": "world"}');
    const cli = run(['start', '--state-file', stateFile]);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toMatch(/is not a roomlab snapshot/);
  });

  it.each([
    [['start', '--port', 'eighty'], /--port must be a whole number/],
    [['start', '--port', '70000'], /--port must be a whole number/],
    [['start', '--colour'], /unknown option '--colour'/],
    [['serve'], /unknown command 'serve'/],
    [['start', '--config', '/nonexistent/roomlab.json'], /cannot read config file/],
    [['start', '--keep-completed-rooms', 'many'], /--keep-completed-rooms must be a whole number/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const cli = run(args);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toMatch(message);
  });

  it('rejects a config file with a malformed account SID, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomlab-cli-'));
    const config = join(dir, 'bad.json');
    await writeFile(config, JSON.stringify({ accounts: [{ sid: 'AC123' }] }));
    const cli = run(['start', '--config', config]);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toMatch(/accounts\.0\.sid: must be AC followed by 32 lower-case hex digits/);
  });

  it('prints help and version', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toMatch(/^\s+start \[options\]\s+start the Twilio Video emulator/m);
    const startHelp = run(['start', '--help']);
    expect(await startHelp.exited).toBe(0);
    expect(startHelp.output().stdout).toMatch(/Usage: roomlab start \[--port N\] \[--host H\]/);
    expect(startHelp.output().stdout).toMatch(/--keep-completed-rooms <N>/);
    const version = run(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.output().stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
