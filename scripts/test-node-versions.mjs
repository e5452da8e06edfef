#!/usr/bin/env node
// Runs the test suite on each Node major (default 20, 22 and 24) and prints a table of which pass.
// A major other than the running one is fetched from the npm registry (`npx -y node@22`, cached by
// npx after the first run); its bin directory goes first on PATH for the run, so turbo, pnpm and every
// test process they start use it. Each run is `npm test`'s turbo tasks (lint, typecheck, test, build)
// with turbo's cache off (`--force`): a result cached from another Node would prove nothing; with
// `--continue`, so one failing package does not stop the others.
//
//   node scripts/test-node-versions.mjs [--versions 22,24] [-- <turbo arguments, e.g. --filter=@roomlab/core>]
//
// Each run's output goes to a log file (its path is in the table); the exit status is 1 if any failed.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);
/** What `npm test` runs (the root package's `test:all`). */
const suiteTasks = ['lint', 'typecheck', 'test', 'build'];

function parseArguments(argv) {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const turbo = split === -1 ? [] : argv.slice(split + 1);
  const at = own.indexOf('--versions');
  const versions = at === -1 ? ['20', '22', '24'] : (own[at + 1] ?? '').split(',').filter(Boolean);
  if (versions.length === 0 || versions.some((version) => !/^\d+$/.test(version))) {
    console.error('usage: node scripts/test-node-versions.mjs [--versions 20,22,24] [-- <turbo arguments>]');
    process.exit(2);
  }
  return { versions, turbo };
}

/** The node binary of a major: this one's if it is the running major, else fetched through npx. */
async function nodeOf(major) {
  if (process.versions.node.split('.')[0] === major) return process.execPath;
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const { stdout } = await run(npx, ['-y', `node@${major}`, '-p', 'process.execPath'], { cwd: root });
  return stdout.trim();
}

const bin = join(root, 'node_modules/.bin');

/** `node` first on PATH; turbo starts pnpm, and pnpm the scripts, through PATH: the workspace's bin next. */
const environmentFor = (node) => ({
  ...process.env,
  PATH: [dirname(node), bin, process.env.PATH ?? ''].join(delimiter),
});

/** The suite (`npm test`'s turbo tasks) in `env`; resolves to the exit code. */
function testWith(env, turboArguments, log) {
  // --continue: one failing package does not stop the others, so the log shows every failure.
  const args = ['run', ...suiteTasks, '--force', '--continue', ...turboArguments];
  const child = spawn(join(bin, 'turbo'), args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      log.write(`could not start: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function testMajor(major, turboArguments, logs) {
  const file = join(logs, `node-${major}.log`);
  const log = createWriteStream(file);
  const started = Date.now();
  try {
    const env = environmentFor(await nodeOf(major));
    // The version the suite's processes get: `node` as found through the run's PATH.
    const { stdout: version } = await run('node', ['-v'], { env });
    console.log(`node ${version.trim()}: testing (log: ${file})`);
    const code = await testWith(env, turboArguments, log);
    return {
      major,
      version: version.trim(),
      passed: code === 0,
      minutes: (Date.now() - started) / 60_000,
      file,
    };
  } catch (error) {
    log.write(`${error instanceof Error ? error.message : String(error)}\n`);
    console.error(
      `node ${major}: could not be fetched or run: ${error instanceof Error ? error.message : error}`,
    );
    return { major, version: '?', passed: false, minutes: (Date.now() - started) / 60_000, file };
  } finally {
    await new Promise((resolve) => log.end(resolve));
  }
}

const { versions, turbo } = parseArguments(process.argv.slice(2));
const logs = await mkdtemp(join(tmpdir(), 'roomlab-node-versions-'));
const results = [];
// One at a time: the suite starts servers, browsers and ffmpeg, and runs fastest alone.
for (const major of versions) results.push(await testMajor(major, turbo, logs));

console.log(
  `\nturbo run ${suiteTasks.join(' ')} --force --continue${turbo.length ? ` ${turbo.join(' ')}` : ''}\n`,
);
console.log('| node | version | result | minutes | log |');
console.log('| ---- | ------- | ------ | ------: | --- |');
for (const result of results) {
  const outcome = result.passed ? 'pass' : 'FAIL';
  console.log(
    `| ${result.major} | ${result.version} | ${outcome} | ${result.minutes.toFixed(1)} | ${result.file} |`,
  );
}
process.exitCode = results.every((result) => result.passed) ? 0 : 1;
