import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { createExpressApp } from './express-app.js';
import { createSfu } from './lazy-media.js';
import { diskMediaStorage } from './media/disk-media-storage.js';
import { attachSignaling } from './signaling/signaling-server.js';

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
}

export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`: give it to `emulatorHttpClient`. */
  url: string;
  /** The SDK's `wsServer` option: `ws://127.0.0.1:4010/signaling`. */
  signalingUrl: string;
  port: number;
  emulator: Emulator;
  server: Server;
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
      ...options,
    });
  const server = createServer(
    // Clients and proxies that pool connections (the twilio client's agent, a test runner's proxy) may
    // send on a socket just as a server closes it for idleness: Node's 5 s default loses that race
    // often enough to fail tests with ECONNRESET. Idle sockets are kept as long as common load
    // balancers keep them.
    { keepAliveTimeout: idleSocketTimeoutMs, headersTimeout: idleSocketTimeoutMs + 1000 },
    createExpressApp(emulator.handle),
  );
  const detachSignaling = attachSignaling(server, emulator.signaling);
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
  return {
    url: `http://${urlHost}:${port}`,
    signalingUrl: `ws://${urlHost}:${port}/signaling`,
    port,
    emulator,
    server,
    async close() {
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
