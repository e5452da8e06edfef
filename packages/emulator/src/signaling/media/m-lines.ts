import type { RTCPeerConnection } from 'werift';
import type { Lifetime } from './lifetime.js';

/**
 * Every m-line of a client's connection lives as long as the connection: the SFU neither rejects one
 * nor lets werift recycle one. The SDK never stops a transceiver: it unpublishes by turning one to
 * recvonly, and publishes again on such a transceiver (`replaceTrack`), or on a new m-line. werift
 * would break both ways:
 *
 * - its answer and offer give an m-line that carries nothing either way port 0, which rejects it:
 *   Chromium stops the transceiver, so a track the SDK puts on it again is never sent, and Chromium
 *   then recycles the m-line under a new MID, which werift's bookkeeping by m-line index does not follow;
 * - the next transceiver werift adds (a forward, or one for a client's new m-line) takes over the slot
 *   and MID of one that carried nothing, so the client's next offer names an m-line werift no longer
 *   has ("Transceiver with mid=0 not found") or changes its kind.
 *
 * Twilio's media servers, likewise, answer an idle m-line `a=inactive`, not rejected.
 */

/** Marks each transceiver, as werift adds it, as one werift must never hand to another. */
export function keepEveryTransceiver(pc: RTCPeerConnection, lifetime: Lifetime): void {
  const keep = pc.onTransceiverAdded.subscribe((transceiver) => {
    transceiver.usedForSender = true;
  });
  lifetime.own(keep.unSubscribe);
}

/**
 * `sdp` (werift's offer or answer) with each m-line rejected by werift (port 0) opened again (port 9,
 * the port of a bundled m-line), unless the client's `peer` description (the offer being answered, or
 * its last answer) rejected it itself: rejecting stays the client's choice.
 */
export function unrejected(sdp: string, peer: string | undefined): string {
  const peerPorts = mLinePorts(peer ?? '');
  let index = -1;
  return sdp.replace(/^m=(\S+) (\d+) /gm, (line, kind: string, port: string) => {
    index += 1;
    if (port !== '0' || peerPorts[index] === '0') return line;
    return `m=${kind} 9 `;
  });
}

/** The port of each m-line of an SDP, in order. */
const mLinePorts = (sdp: string) => [...sdp.matchAll(/^m=\S+ (\d+) /gm)].map((match) => match[1]);
