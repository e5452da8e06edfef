import type { Server } from 'node:http';
import type { Logger } from '@roomlab/core';
import { attachConnectProxy } from './connect-proxy.js';
import { loadLocalCa } from './local-ca.js';
import { type ProxyRouting, proxyRouting } from './proxy-routing.js';

export interface ProxyOptions {
  /** Where the local CA is made on the first start and read back on the next ones. */
  caDir: string;
}

export interface ServedProxy {
  /** What apps export to be routed here, once the server's URL is known. */
  routing(url: string): ProxyRouting;
  /** Stops proxying and closes open tunnels. */
  detach(): void;
}

/** Loads (or makes) the local CA and makes `server` a CONNECT proxy for Twilio's hosts. */
export async function serveProxy(
  server: Server,
  options: ProxyOptions & { logger: Logger },
): Promise<ServedProxy> {
  const ca = await loadLocalCa(options.caDir).catch((error: unknown) => {
    throw new Error(`cannot keep the proxy's local CA in ${options.caDir}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  const detach = attachConnectProxy(server, { leaf: ca.leaf, logger: options.logger });
  return { routing: (url) => proxyRouting(url, ca), detach };
}
