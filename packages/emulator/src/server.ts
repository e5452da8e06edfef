import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleLogger } from '@roomlab/core';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { createExpressApp } from './express-app.js';
import { createSfu } from './lazy-media.js';
import { diskMediaStorage } from './media/disk-media-storage.js';
import { refuseForeignProxyRequests } from './proxy/plain-proxy-guard.js';
import type { ProxyRouting } from './proxy/proxy-routing.js';
import type { ProxyOptions } from './proxy/serve-proxy.js';
import { attachSignaling } from './signaling/signaling-server.js';
import { builtInspectorAssets } from './ui/directory-assets.js';

export interface ServerOptions extends EmulatorOptions {
  /** Port to listen on; 0 (the default) lets the OS pick a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1, loopback only). */
  host?: string;
  /** An emulator to serve; one is made from the other options when absent. */
  emulator?: Emulator;
  /**
   * Whether the emulator made here terminates media (roomlab's SFU), default true. Turn it off where
   * clients should exchange signaling only, e.g. tests outside a network namespace.
   */
  media?: boolean;
  /**
   * Also serve as an HTTPS CONNECT proxy for Twilio's hosts (a roomlab extension), with a local CA kept
   * in `caDir`, so an unchanged app reaches roomlab through environment variables alone. Off by default.
   */
  proxy?: ProxyOptions;
}

export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`: give it to `emulatorHttpClient`. */
  url: string;
  /** The SDK's `wsServer` option: `ws://127.0.0.1:4010/signaling`. */
  signalingUrl: string;
  port: number;
  emulator: Emulator;
  server: Server;
  /** With the `proxy` option: the environment and Chromium flags that route an app here. */
  proxy?: ProxyRouting;
  /** Stops listening, drops open connections, and closes the emulator. */
  close(): Promise<void>;
}

/** How long an idle keep-alive socket stays open (ms). */
export const idleSocketTimeoutMs = 65_000;

/** Serves the emulator over HTTP with Express; resolves once it is listening. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const emulator =
    options.emulator ??
    createEmulator({
      sfu: options.media === false ? undefined : createSfu,
      mediaStorage: diskMediaStorage(),
      inspectorAssets: builtInspectorAssets(),
      ...options,
    });
  const server = createServer(
    // Clients and proxies that pool connections (the twilio client's agent, a test runner's proxy) may
    // send on a socket just as a server closes it for idleness: Node's 5 s default loses that race
    // often enough to fail tests with ECONNRESET. Idle sockets are kept as long as common load
    // balancers keep them.
    { keepAliveTimeout: idleSocketTimeoutMs, headersTimeout: idleSocketTimeoutMs + 1000 },
    refuseForeignProxyRequests(createExpressApp(emulator.handle)),
  );
  const detachSignaling = attachSignaling(server, emulator.signaling, { logger: options.logger });
  // Loaded only when asked for: the certificate library is not needed otherwise.
  const proxy =
    options.proxy &&
    (await (
      await import('./proxy/serve-proxy.js')
    ).serveProxy(server, {
      ...options.proxy,
      logger: options.logger ?? consoleLogger,
    }));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    signalingUrl: `ws://${urlHost}:${port}/signaling`,
    port,
    emulator,
    server,
    proxy: proxy ? proxy.routing(url) : undefined,
    async close() {
      proxy?.detach();
      detachSignaling();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      emulator.close();
      // Recordings being finished are written out before the server says it is closed.
      await emulator.mediaStorage.close();
    },
  };
}
