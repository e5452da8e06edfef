import type { Logger } from '@roomlab/core';
import type { RTCPeerConnection, RtpPacket } from 'werift';
import { keyframeOnFirstPacket, onKeyframeRequest, senderReady } from './keyframes.js';
import { createLifetime, type Lifetime } from './lifetime.js';
import type { PublishedDataTrack, PublishedMediaTrack, PublishedTracks } from './published-tracks.js';

/**
 * Forwarding: every published track a participant is subscribed to is sent on to it, packet for packet
 * (audio, video) or message for message (data), with its keyframe requests passed back to the publisher.
 */

/** One published track sent on to one subscriber. */
export interface Forward {
  /** The id the subscriber's SDK matches: an m-line's msid track id, or a data channel's label. */
  id: string;
  /**
   * Switches a video forward off (packets stop; the m-line stays) or on again (with a keyframe
   * request at once, so the subscriber shows video without waiting). Data forwards have none.
   */
  switch?(on: boolean): void;
  stop(): void;
}

export interface Subscriber {
  /** Its signaling session: its own tracks are never sent back to it. */
  sessionId: string;
  pc: RTCPeerConnection;
  /** Its forwards, by track SID. */
  forwards: Map<string, Forward>;
  nextChannelId(): number;
  logger: Logger;
}

/**
 * Brings a subscriber's forwards in line with the track SIDs it wants and what is published. Returns
 * whether they changed (then the subscriber needs an offer).
 */
export function syncForwards(
  subscriber: Subscriber,
  wanted: ReadonlySet<string>,
  published: PublishedTracks,
) {
  const { forwards } = subscriber;
  let changed = false;
  for (const [sid, forward] of [...forwards]) {
    if (wanted.has(sid) && published.has(sid)) continue;
    forward.stop();
    forwards.delete(sid);
    changed = true;
  }
  for (const sid of wanted) {
    const publication = published.get(sid);
    if (!publication || forwards.has(sid) || publication.publisher === subscriber.sessionId) continue;
    const forward =
      publication.kind === 'data'
        ? forwardData(subscriber, publication)
        : forwardMedia(subscriber, publication);
    forwards.set(sid, forward);
    changed = true;
  }
  return changed;
}

/** A data track goes on over a data channel of our own, labelled for the subscriber's SDK to match. */
function forwardData(subscriber: Subscriber, publication: PublishedDataTrack): Forward {
  const label = `roomlab-${publication.trackSid}`;
  const channel = subscriber.pc.createDataChannel(label, { id: subscriber.nextChannelId(), ordered: true });
  const relay = (message: string | Buffer) => {
    if (channel.readyState === 'open') channel.send(message);
  };
  publication.listeners.add(relay);
  return {
    id: label,
    stop() {
      publication.listeners.delete(relay);
      channel.close();
    },
  };
}

/** An audio or video track goes on over an m-line of its own. */
function forwardMedia(subscriber: Subscriber, publication: PublishedMediaTrack): Forward {
  // A new m-line of its own: werift recycles none (see m-lines.ts).
  const transceiver = subscriber.pc.addTransceiver(publication.kind, { direction: 'sendonly' });
  transceiver.sender.streamId = `roomlab-${publication.publisher}`;
  const { sender } = transceiver;
  const lifetime = createLifetime();
  const failed = firstFailure(
    subscriber.logger,
    `forwarding ${publication.trackSid} to ${subscriber.sessionId} failed`,
    lifetime,
  );
  // A new subscriber needs a keyframe to show video. Asked for when the first packet can reach it, not
  // when the forward starts: werift sends nothing on a new m-line until the subscriber's answer gives
  // it a codec, so that keyframe would be dropped, and the rate limit would hold back the useful
  // request (measured: bench/first-frame.mjs). Its own requests are passed on (see keyframes.ts).
  const keyframeWhenReady = keyframeOnFirstPacket(publication, lifetime);
  if (publication.kind === 'video') lifetime.own(onKeyframeRequest(sender, publication.keyframes.request));
  // werift rewrites the header of the packet it sends (SSRC, payload type, sequence, extensions) in
  // place, and the same packet goes to every subscriber and tap: give each its own header. The payload
  // is shared: werift only reads it (encryption writes a new buffer). A header copy, not serialized
  // bytes that werift would parse back, as this runs for every packet and every subscriber.
  let switchedOn = true;
  const forward = (rtp: RtpPacket) => {
    if (!switchedOn) return;
    keyframeWhenReady(senderReady(sender));
    sender.sendRtp(rtp.clone()).catch(failed);
  };
  publication.listeners.add(forward);
  lifetime.own(() => publication.listeners.delete(forward));
  return {
    id: sender.trackId,
    switch(on) {
      if (on && !switchedOn && publication.kind === 'video') publication.keyframes.request();
      switchedOn = on;
    },
    stop() {
      lifetime.end();
      // The client may be sending on this m-line too (see receiveWhereTheClientSends): keep that.
      transceiver.setDirection(transceiver.direction === 'sendrecv' ? 'recvonly' : 'inactive');
    },
  };
}

/**
 * Reports a forward's first failure: a broken forward fails on every packet, and one line says so.
 * A failure that lands after the forward stopped belongs to the stop (the connection is closing).
 */
function firstFailure(logger: Logger, message: string, lifetime: Lifetime): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (reported || lifetime.ended) return;
    reported = true;
    logger.error(`${message} (later failures of this forward are not reported)`, error);
  };
}
