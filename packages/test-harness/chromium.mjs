// Chromium for the browser tests: Debian's, installed by scripts/ensure-test-tools.mjs (test tools'
// own browser downloads do not work offline), started with flags that work as root, offline, headless.
import { existsSync } from 'node:fs';

/** @type {typeof import('./types/index.js').chromiumExecutable} */
export const chromiumExecutable = process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium';

/** @type {typeof import('./types/index.js').chromiumPath} */
export const chromiumPath = () => {
  if (!existsSync(chromiumExecutable)) {
    throw new Error(
      `Chromium is not at ${chromiumExecutable}: run node scripts/ensure-test-tools.mjs from the repository root`,
    );
  }
  return chromiumExecutable;
};

/** The flags the project's ENVIRONMENT notes found to work here. */
const flags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A fake camera and microphone that pages may use without asking. */
const fakeMedia = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** @type {typeof import('./types/index.js').launchChromium} */
export const launchChromium = async (options = {}) => {
  const { chromium } = await import('playwright-core'); // here, so the harness's other parts load without it
  const args = [...(options.media ? fakeMedia : []), ...flags, ...(options.args ?? [])];
  return chromium.launch({ executablePath: chromiumPath(), args });
};
