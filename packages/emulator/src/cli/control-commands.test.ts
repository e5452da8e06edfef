import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cliRun, stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);

/** A loopback port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("roomlab's control commands", () => {
  it('are listed by roomlab --help, and each one has help with an example', async () => {
    const top = await cliRun(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['rooms', 'logs', 'seed', 'reset', 'clock', 'network', 'faults'])
      expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const help = await cliRun(['faults', 'remove', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: roomlab faults remove [options] <ID>');
    expect(help.stdout).toContain('Example:\n  $ roomlab faults remove FT0001');
  });

  it.each([
    ['rooms'],
    ['logs'],
    ['logs', '--follow'],
    ['reset'],
    ['clock'],
    ['clock', 'advance', '5m'],
    ['network', `PA${'1'.repeat(32)}`, '--level', '2'],
    ['faults'],
    ['faults', 'add', '--latency-ms', '10'],
    ['faults', 'remove', 'FT0001'],
    ['faults', 'clear'],
  ])('say no roomlab is answering, exit 1, when none runs at the URL: %s', async (...args) => {
    const port = await closedPort();
    const run = await cliRun([...args, '--url', `http://127.0.0.1:${port}`]);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `roomlab: no roomlab is answering at http://127.0.0.1:${port}: connection refused\n`,
    });
  });

  it('take the target from ROOMLAB_URL when --url is not given', async () => {
    const port = await closedPort();
    const run = await cliRun(['clock'], { ROOMLAB_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no roomlab is answering at http://127.0.0.1:${port}`);
  });

  it('refuse an unknown subcommand, an unknown flag and a bad --url with exit code 2', async () => {
    expect(await cliRun(['faults', 'list-all'])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown command 'list-all' (faults has add, remove, clear)\n",
    });
    expect(await cliRun(['clock', 'rewind', '5m'])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown command 'rewind' (clock has advance)\n",
    });
    expect(await cliRun(['rooms', '--colour'])).toMatchObject({
      code: 2,
      stderr: "roomlab: unknown option '--colour'\n",
    });
    expect(await cliRun(['rooms', '--url', 'ftp://example.com'])).toMatchObject({
      code: 2,
      stderr: 'roomlab: --url must be an http or https URL, not "ftp://example.com"\n',
    });
  });
});
