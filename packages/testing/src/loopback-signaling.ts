import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachSignaling, type Emulator } from '@roomlab/emulator';

/**
 * The SDK's signaling is a WebSocket, which msw's Node interception does not carry: an emulator
 * answering in process serves it on a loopback port.
 */
export async function serveLoopbackSignaling(
  emulator: Emulator,
): Promise<{ signalingUrl: string; close(): Promise<void> }> {
  const sockets = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const detach = attachSignaling(sockets, emulator.signaling);
  await new Promise<void>((resolve) => sockets.listen(0, '127.0.0.1', resolve));
  return {
    signalingUrl: `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/signaling`,
    close: () =>
      new Promise<void>((resolve) => {
        detach();
        sockets.close(() => resolve());
        sockets.closeAllConnections();
      }),
  };
}
