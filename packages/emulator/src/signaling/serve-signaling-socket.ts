import type { RoomSignaling } from './room-signaling.js';
import { acceptTcmp, type FrameSocket, type TcmpConnection } from './tcmp-connection.js';

/**
 * Serves room signaling over one client's socket, whatever carries it (a `ws` socket on a server, msw's
 * intercepted client in a page): TCMP frames in, room-signaling bodies to `signaling`, and its close.
 */
export function serveSignalingSocket(socket: FrameSocket, signaling: RoomSignaling): TcmpConnection {
  const connection = acceptTcmp(socket, {
    onBody: (body, from) => signaling.receive(body, from),
    onClose: (byClient) => signaling.closed(connection, byClient),
  });
  return connection;
}
