import type { Logger, NetworkConditions } from '@roomlab/core';
import type { RTCPeerConnection } from 'werift';
import { impairedLink, type LinkOptions } from './impaired-link.js';
import type { Lifetime } from './lifetime.js';

/**
 * A client's network path made bad on purpose (the control API's network conditions): every datagram
 * the SFU's end of its peer connection sends or receives goes through an impaired link, one per
 * direction, so STUN, DTLS, SRTP/SRTCP and SCTP all meet the loss, delay and rate limit, as they would
 * on a bad network, and the client's own `getStats()` shows them.
 *
 * The hook is werift's socket for the path: each ICE transport's connection keeps its sockets (one
 * per local candidate) as `protocols[].transport`, whose `send` and `onData` every datagram passes.
 * werift does not expose them, so this is the one place that reaches in.
 */
export interface Impairment {
  /** Conditions from now on, both ways (null: none). */
  set(conditions: NetworkConditions | null): void;
}

/** What werift's sockets offer (its `Transport`). */
interface DatagramSocket {
  send(data: Buffer, addr?: unknown): Promise<void>;
  onData(data: Buffer, addr: unknown): void;
  closed: boolean;
}

interface IceConnectionInside {
  protocols?: { transport?: DatagramSocket }[];
}

const socketsOf = (pc: RTCPeerConnection): DatagramSocket[] =>
  pc.iceTransports.flatMap((ice) =>
    ((ice.connection as unknown as IceConnectionInside).protocols ?? []).flatMap(
      (protocol) => protocol.transport ?? [],
    ),
  );

export interface ImpairmentOptions {
  pc: RTCPeerConnection;
  /** Owns the links' timers: ending it drops what is on its way. */
  lifetime: Lifetime;
  logger: Logger;
  link?: LinkOptions;
}

export function impairPeerConnection(options: ImpairmentOptions): Impairment {
  const { pc, lifetime, logger } = options;
  const toClient = impairedLink(options.link);
  const fromClient = impairedLink(options.link);
  lifetime.own(() => {
    toClient.close();
    fromClient.close();
  });
  const hooked = new WeakSet<DatagramSocket>();

  const hook = (socket: DatagramSocket) => {
    if (hooked.has(socket)) return;
    hooked.add(socket);
    const { send, onData } = socket;
    socket.send = (data, addr) => {
      if (toClient.conditions === null) return send(data, addr);
      toClient.carry(data.length, () => {
        if (socket.closed) return;
        send(data, addr).catch((error: unknown) => logger.warn('an impaired datagram was not sent', error));
      });
      return Promise.resolve();
    };
    socket.onData = (data, addr) =>
      fromClient.carry(data.length, () => {
        // Delayed, it runs from a timer: werift's own catch around its handler is not there any more.
        try {
          onData(data, addr);
        } catch (error) {
          logger.warn('an impaired datagram was not taken', error);
        }
      });
  };
  /** Sockets appear as ICE gathers, after the connection opened: hook them once they are there. */
  const hookAll = () => {
    if (toClient.conditions !== null) for (const socket of socketsOf(pc)) hook(socket);
  };
  lifetime.own(pc.iceGatheringStateChange.subscribe(hookAll).unSubscribe);

  return {
    set(conditions) {
      if (lifetime.ended) return;
      toClient.set(conditions);
      fromClient.set(conditions);
      hookAll();
    },
  };
}
