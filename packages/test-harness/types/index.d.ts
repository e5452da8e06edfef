// What @roomlab/test-harness offers, typed for the TypeScript tests; the .mjs files are checked against it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

/** Where Chromium is expected: ROOMLAB_CHROMIUM, else Debian's /usr/bin/chromium. */
export declare const chromiumExecutable: string;
/** The Chromium binary, or an error that says how to install it. */
export declare function chromiumPath(): string;
/**
 * Starts Chromium, with a fake camera and microphone when `media` and any further command-line `args`
 * (e.g. the proxy flags `roomlab start` prints); the caller closes it.
 */
export declare function launchChromium(options?: { media?: boolean; args?: string[] }): Promise<Browser>;

/**
 * Runs a Node script in a new network namespace with an address of its own (`unshare -n`, as root)
 * and returns the JSON value it printed on its last line of output.
 */
export declare function runInNetworkNamespace<T>(
  script: string,
  options: { env?: Record<string, string | undefined>; timeoutMs: number },
): Promise<T>;

export interface StaticOptions {
  /** A folder to serve; `/` is its index.html. */
  root?: string;
  /** Files served at given paths, e.g. `{ '/twilio-video.js': require.resolve(...) }`. */
  files?: Record<string, string>;
  /** Paths the caller answers itself. */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => unknown>;
  /** 127.0.0.1 (a secure context for WebRTC) by default. */
  host?: string;
  /** A free port by default. */
  port?: number;
}

export interface StaticServer {
  /** `http://host:port`. */
  origin: string;
  close(): Promise<void>;
}

/** Serves files until closed. */
export declare function serveStatic(options: StaticOptions): Promise<StaticServer>;

/**
 * Bundles the page in `root` (its index.html) with Vite, from the workspace's TypeScript sources, and
 * serves it, with `files` beside it, until closed.
 */
export declare function serveBundle(
  root: string,
  options?: { files?: Record<string, string> },
): Promise<StaticServer>;
