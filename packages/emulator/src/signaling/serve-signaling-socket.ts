import type { RoomSignaling } from './room-signaling.js';
import { acceptTcmp, type FrameSocket, type TcmpConnection } from './tcmp-connection.js';

/**
 * Serves room signaling over one client's socket, whatever carries it (a `ws` socket on a server, msw's
 * intercepted client in a page): TCMP frames in, room-signaling bodies to `signaling`, and its close.
 * `host` is the host the client dialled (which tells the edge it chose).
 */
export function serveSignalingSocket(
  socket: FrameSocket,
  signaling: RoomSignaling,
  host?: string,
): TcmpConnection {
  const connection = acceptTcmp(
    socket,
    {
      onBody: (body, from) => signaling.receive(body, from),
      onClose: (byClient) => signaling.closed(connection, byClient),
    },
    host,
  );
  return connection;
}
