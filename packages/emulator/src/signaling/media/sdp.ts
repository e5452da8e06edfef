import type { RTCPeerConnection } from 'werift';

/** What the SFU reads from, and corrects in, session descriptions. */

/** `mid` → the first capture of `attribute` in each m-line of an SDP that has both. */
export function byMid(sdp: string, attribute: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    const value = attribute.exec(section)?.[1];
    if (mid && value) found.set(mid, value);
  }
  return found;
}

/** `mid` → track id, from the `a=msid:<stream> <id>` lines of a client's SDP. */
export const trackIdsByMid = (sdp: string) => byMid(sdp, /\r?\na=msid:\S+ (\S+)/);

/** `mid` → direction (`sendrecv`, `sendonly`, ...) of each m-line of an SDP. */
const directionsByMid = (sdp: string) => byMid(sdp, /\r?\na=(sendrecv|sendonly|recvonly|inactive)\b/);

/**
 * A client may send on an m-line that we opened to send to it: the browser's addTrack reuses a
 * transceiver that has never sent (the one receiving another participant's video, say). werift listens
 * on an m-line only when its own direction receives, so open ours to receiving before the offer lands.
 */
export function receiveWhereTheClientSends(pc: RTCPeerConnection, offer: string): void {
  const directions = directionsByMid(offer);
  for (const transceiver of pc.getTransceivers()) {
    const theirs = transceiver.mid ? directions.get(transceiver.mid) : undefined;
    if (theirs !== 'sendrecv' && theirs !== 'sendonly') continue;
    if (transceiver.direction === 'sendonly') transceiver.setDirection('sendrecv');
    else if (transceiver.direction === 'inactive') transceiver.setDirection('recvonly');
  }
}

/**
 * werift's answer bundles every m-line it knows, but a browser leaves a stopped m-line out of its
 * offer's BUNDLE group (after a track is unpublished) and refuses an answer that bundles more than it
 * offered: bundle only what was offered.
 */
export function bundleAsOffered(answer: string, offer: string): string {
  const offered = /\r?\na=group:BUNDLE ([^\r\n]*)/.exec(offer)?.[1]?.split(' ');
  if (!offered) return answer;
  return answer.replace(/(\r?\na=group:BUNDLE) ([^\r\n]*)/, (_line, start: string, mids: string) => {
    const kept = mids.split(' ').filter((mid) => offered.includes(mid));
    return `${start} ${kept.join(' ')}`;
  });
}
