import { existsSync } from 'node:fs';

/** Debian's Chromium, installed by scripts/ensure-test-tools.mjs (`npm test` runs it first). */
export function chromiumPath(): string {
  const path = process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not at ${path}: run node scripts/ensure-test-tools.mjs from the repository root`,
    );
  }
  return path;
}

/** Flags that work as root, offline, headless (see the project's ENVIRONMENT notes); `media` adds fake devices. */
export function chromiumArgs(options: { media?: boolean } = {}): string[] {
  return [
    ...(options.media ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
