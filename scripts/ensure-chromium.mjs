// Installs Debian's Chromium for the browser tests when it is missing (CI gives a fresh machine).
// Browser downloads by test tools do not work offline; Debian's package does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const root = process.getuid?.() === 0;
const run = (command, args) =>
  execFileSync(root ? command : 'sudo', root ? args : ['-n', command, ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  console.log('roomlab: installing Chromium from Debian for the browser tests');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
} catch (error) {
  console.error(`roomlab: could not install Chromium (${error.message}).`);
  console.error('Install it with `apt-get install chromium`, or set ROOMLAB_CHROMIUM to a Chromium binary.');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`roomlab: Chromium was installed but is not at ${path}; set ROOMLAB_CHROMIUM`);
  process.exit(1);
}
