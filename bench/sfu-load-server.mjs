// The measured process of the SFU load bench: roomlab's CLI as a user starts it (Express, REST,
// signaling, the SFU, disk media storage), in a process of its own, so that its CPU time, read from
// /proc, is the server's alone: Chromium and the bench's own process are not in it.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The built CLI, or another build's (`--cli`: a before/after comparison). */
const cli =
  process.env.ROOMLAB_SFU_LOAD_CLI ??
  join(createRequire(import.meta.url).resolve('@roomlab/emulator/package.json'), '..', 'bin', 'roomlab.js');

/** A start slower than this is broken, not slow. */
const giveUpMs = 30_000;

/** The kernel's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * CPU time (user + system, every thread of the process: libuv's pool and V8's GC threads too) a
 * process has used so far, in ms.
 */
export function cpuTimeMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): the 3rd field first; utime is the 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** What the CLI prints once listening: its URL and its default credentials. */
function printed(text) {
  const line = (label) => text.match(new RegExp(`${label}\\s+(\\S+)`))?.[1];
  const url = text.match(/listening on (http:\/\/\S+)/)?.[1];
  const credentials = {
    accountSid: line('account SID'),
    authToken: line('auth token'),
    apiKeySid: line('API key SID'),
    apiKeySecret: line('API key secret'),
  };
  return url && Object.values(credentials).every(Boolean) ? { url, credentials } : undefined;
}

/**
 * Starts `roomlab start --port 0 --no-proxy`, with `nodeOptions` for Node (e.g. `--cpu-prof`), and
 * resolves once it has printed its URL and credentials. `close()` stops it with SIGTERM, as a user
 * would, and resolves once it has exited (after writing a CPU profile it was asked for).
 */
export function startCli({ nodeOptions = [] } = {}) {
  const child = spawn(process.execPath, [...nodeOptions, cli, 'start', '--port', '0', '--no-proxy'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let text = '';
    const fail = (message) => {
      clearTimeout(timer);
      close().then(() => reject(new Error(`${message}: ${text}`)));
    };
    const timer = setTimeout(() => fail(`roomlab printed no URL in ${giveUpMs} ms`), giveUpMs);
    const onData = (chunk) => {
      text += chunk;
      const started = printed(text);
      if (!started) return;
      child.stdout.off('data', onData).resume();
      child.off('exit', onExit);
      clearTimeout(timer);
      resolve({ ...started, pid: child.pid, close });
    };
    const onExit = (code) => fail(`roomlab exited with ${code} before listening`);
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
  });
}
