// How long `roomlab start` takes from process start to `/health` answering, beside a bare `node:http`
// server script measured the same way in the same run: spawn, read the URL the process prints, then
// poll `GET /health` until it answers 200. Rounds are interleaved (each round starts every variant once,
// in turn), so a change in the machine's load falls on all alike; the table gives medians.
//
// `node bench/startup.mjs [--quick] [--compare OTHER/bin/roomlab.js]` (needs the built emulator);
// `node bench/run.mjs` runs it. `--compare` adds rows for another build's CLI (say, the code before a
// change, built elsewhere), measured in the same rounds: a before/after pair under the same load.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { median } from './median.mjs';
import { num, table } from './report.mjs';

const cli = join(
  createRequire(import.meta.url).resolve('@roomlab/emulator/package.json'),
  '..',
  'bin',
  'roomlab.js',
);

/** The reference: the least a Node HTTP server can do, printing its URL as roomlab does. */
const bareServer = `import { createServer } from 'node:http';
const server = createServer((request, response) => response.end('{"status":"ok"}'));
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;

/** One GET of /health: its status, or 0 when nothing answers yet. */
const health = (url) =>
  new Promise((resolve) => {
    const request = get(`${url}/health`, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(0));
  });

/** A start slower than this is broken, not slow: the bench stops rather than wait forever. */
const giveUpMs = 30_000;

/** The URL the process prints once listening (its first `listening on` line). */
const printedUrl = (child) =>
  new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`printed no URL in ${giveUpMs} ms: ${text}`)), giveUpMs);
    const onData = (chunk) => {
      text += chunk;
      const url = text.match(/listening on (http:\/\/[^\s]+)/)?.[1];
      if (!url) return;
      child.stdout.off('data', onData);
      clearTimeout(timer);
      resolve(url);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${text}`));
    });
  });

/** Whether this system tells a process's CPU time (Linux's /proc). */
const procStat = existsSync('/proc/self/stat');

/**
 * CPU ms (user + system) a running process has used so far, from /proc/PID/stat: utime and stime, the
 * 12th and 13th fields after the command's closing parenthesis, in clock ticks (USER_HZ, 100 a second).
 */
const cpuMsOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/**
 * ms from spawning `args` to its /health answering 200, and the CPU ms the process used until then
 * (undefined where /proc is not); the process is stopped before this resolves.
 */
async function startToHealth(args, env) {
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await printedUrl(child);
    while ((await health(url)) !== 200) {
      if (performance.now() - start > giveUpMs) throw new Error(`${url}/health did not answer 200`);
      await sleep(2);
    }
    return { ms: performance.now() - start, cpuMs: procStat ? cpuMsOf(child.pid) : undefined };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** What is started, reference first. Each gets its own state directory, where the CLI keeps its CA. */
const ownVariants = [
  { name: 'bare node:http server (reference)', args: ['--input-type=module', '-e', bareServer] },
  { name: 'roomlab start --port 0 (its CA already made)', args: [cli, 'start', '--port', '0'] },
  { name: 'roomlab start --port 0 --no-proxy', args: [cli, 'start', '--port', '0', '--no-proxy'] },
  {
    name: 'roomlab start --port 0, first start (makes its CA)',
    args: [cli, 'start', '--port', '0'],
    freshCa: true,
  },
];

/** The same starts of another build's CLI (its CA made first, in the same state directory). */
const comparedVariants = (bin) => [
  {
    name: 'compared build: roomlab start --port 0 (its CA already made)',
    args: [bin, 'start', '--port', '0'],
  },
  {
    name: 'compared build: roomlab start --port 0 --no-proxy',
    args: [bin, 'start', '--port', '0', '--no-proxy'],
  },
];

const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');

export async function benchStartup({ quick = false, compare = undefined } = {}) {
  const rounds = quick ? 3 : 9;
  const variants = [...ownVariants, ...(compare ? comparedVariants(compare) : [])];
  const loadAtStart = loadAverage();
  const stateHome = mkdtempSync(join(tmpdir(), 'roomlab-bench-startup-'));
  const times = new Map(variants.map(({ name }) => [name, []]));
  const cpu = new Map(variants.map(({ name }) => [name, []]));
  try {
    // Warm-up, not kept: the first makes the CA; each reads its files into the file system cache.
    for (const { args } of variants.slice(1).filter(({ freshCa }) => !freshCa))
      await startToHealth(args, { XDG_STATE_HOME: stateHome });
    for (let round = 0; round < rounds; round++) {
      for (const { name, args, freshCa } of variants) {
        const home = freshCa ? mkdtempSync(join(tmpdir(), 'roomlab-bench-ca-')) : stateHome;
        const { ms, cpuMs } = await startToHealth(args, { XDG_STATE_HOME: home });
        times.get(name).push(ms);
        if (cpuMs !== undefined) cpu.get(name).push(cpuMs);
        if (freshCa) rmSync(home, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(stateHome, { recursive: true, force: true });
  }
  const reference = median(times.get(variants[0].name));
  console.log(
    `Startup: from spawning the process to \`GET /health\` answering 200; median of ${rounds} runs each,` +
      ' interleaved. Every process prints its URL once listening, then /health is polled every 2 ms.' +
      '\n   roomlab starts with its default options (the proxy, its local CA in $XDG_STATE_HOME/roomlab/ca,' +
      ' a temporary directory here);\n   "first start" makes that CA (a key pair and two certificates)' +
      ' before listening.' +
      '\n   CPU ms: user + system time the process used until /health answered (Linux /proc, 10 ms steps):' +
      " it moves less with the machine's load than the wall-clock time." +
      `\n   Load average (1 / 5 / 15 min) ${loadAtStart} at the start, ${loadAverage()} at the end.\n`,
  );
  const cpuReference = procStat ? median(cpu.get(variants[0].name)) : undefined;
  table(
    ['process', 'median ms', 'min–max ms', '÷ bare', 'over bare ms', 'CPU ms', 'CPU ÷ bare'],
    variants.map(({ name }) => {
      const values = times.get(name);
      const ms = median(values);
      const cpuMs = cpuReference === undefined ? undefined : median(cpu.get(name));
      return [
        name,
        num(ms),
        `${num(Math.min(...values))}–${num(Math.max(...values))}`,
        `${num(ms / reference, 2)}×`,
        num(ms - reference),
        cpuMs === undefined ? '–' : num(cpuMs),
        cpuMs === undefined ? '–' : `${num(cpuMs / cpuReference, 2)}×`,
      ];
    }),
  );
  return times;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const compare = process.argv[process.argv.indexOf('--compare') + 1];
  await benchStartup({
    quick: process.argv.includes('--quick'),
    compare: process.argv.includes('--compare') ? compare : undefined,
  });
}
