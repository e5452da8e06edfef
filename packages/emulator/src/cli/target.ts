import type { Command } from 'commander';
import { UsageError } from './command-result.js';

/** Where the commands send their requests when neither `--url` nor `ROOMLAB_URL` says otherwise. */
export const defaultTargetUrl = 'http://127.0.0.1:4010';

/** Adds `--url`, the running emulator a command talks to. */
export function withTargetOption(command: Command): Command {
  return command.option(
    '--url <URL>',
    `the running roomlab to talk to (default: $ROOMLAB_URL, else ${defaultTargetUrl})`,
  );
}

/** The emulator's base URL: `--url`, else `ROOMLAB_URL`, else the default; only http(s) origins. */
export function targetUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): URL {
  const raw = flag ?? (env.ROOMLAB_URL || defaultTargetUrl);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag === undefined ? 'ROOMLAB_URL' : '--url'} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(
      `${flag === undefined ? 'ROOMLAB_URL' : '--url'} must be an http or https URL, not "${raw}"`,
    );
  return url;
}
