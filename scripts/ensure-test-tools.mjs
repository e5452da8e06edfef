// Installs what the browser and media tests need from Debian when it is missing (CI gives a fresh
// machine): Chromium (test tools' own browser downloads do not work offline) and iproute2's `ip`,
// which the media tests use to build their network namespace; and Twilio's Python client for Debian's
// python3, with which the emulator's zero-code routing test checks an unchanged Python app.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumExecutable as chromium } from '@roomlab/test-harness';

const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Whether Debian's python3 (not a pyenv or venv one on PATH) imports Twilio's client. */
function pythonHasTwilio() {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import twilio'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!has('ip')) missing.push('iproute2');
if (!has('unshare')) missing.push('util-linux');
if (!pythonHasTwilio()) missing.push('python3-twilio');
if (missing.length === 0) process.exit(0);

const root = process.getuid?.() === 0;
const run = (command, args) =>
  execFileSync(root ? command : 'sudo', root ? args : ['-n', command, ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  console.log(`roomlab: installing ${missing.join(', ')} from Debian for the browser and media tests`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
} catch (error) {
  console.error(`roomlab: could not install ${missing.join(', ')} (${error.message}).`);
  console.error('Install them with apt-get, or set ROOMLAB_CHROMIUM to a Chromium binary.');
  process.exit(1);
}
if (!existsSync(chromium)) {
  console.error(`roomlab: Chromium was installed but is not at ${chromium}; set ROOMLAB_CHROMIUM`);
  process.exit(1);
}
