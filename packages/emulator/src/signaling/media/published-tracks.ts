import type { Logger } from '@roomlab/core';
import type { Extensions, MediaStreamTrack, RTCRtpCodecParameters, RTCRtpReceiver, RtpPacket } from 'werift';
import type { Codecs } from './codecs.js';
import { detectedCodecOf } from './detected-codec.js';
import { createKeyframeRequests, type KeyframeRequests } from './keyframes.js';
import type { Lifetime } from './lifetime.js';
import type { MediaClient } from './media-client.js';
import type { PeerConnectionOptions } from './peer-connection.js';

/**
 * The tracks participants publish, as the SFU receives them, by track SID. Forwards listen to a
 * published track, not to a werift track: werift may hand over a new track object for the same m-line
 * when the publisher's connection is renegotiated, and the published track is piped from the new one.
 */
interface Publication {
  trackSid: string;
  /** The signaling session of the participant who publishes it. */
  publisher: string;
  /** Stops piping from the werift track or channel it arrives on now. */
  unpipe(): void;
}

export interface PublishedMediaTrack extends Publication {
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
  receiver: RTCRtpReceiver;
  /** The codecs of its kind on the publisher's connection: a packet's payload type is one of them. */
  codecs: readonly RTCRtpCodecParameters[];
  /** Subscribers' forwards (and taps): each gets every RTP packet, with its header extensions as werift read them. */
  listeners: Set<(rtp: RtpPacket, extensions?: Extensions) => void>;
  /** Keyframe requests to its publisher, from every forward and tap of it (rate-limited: keyframes.ts). */
  keyframes: KeyframeRequests;
}

export interface PublishedDataTrack extends Publication {
  kind: 'data';
  /** Subscribers' forwards: each gets every message. */
  listeners: Set<(message: string | Buffer) => void>;
}

export type PublishedTrack = PublishedMediaTrack | PublishedDataTrack;

export type PublishedTracks = Map<string, PublishedTrack>;

/** Stops piping what `publisher` published, and forgets it (the participant left). */
export function removePublishedBy(published: PublishedTracks, publisher: string): void {
  for (const [sid, publication] of [...published]) {
    if (publication.publisher !== publisher) continue;
    publication.unpipe();
    if (publication.kind !== 'data') publication.keyframes.close();
    published.delete(sid);
  }
}

export interface ReceivingOptions {
  sessionId: string;
  client: MediaClient;
  published: PublishedTracks;
  /** The client's connection: owns the retries. */
  lifetime: Lifetime;
  logger: Logger;
  /** The codecs of the client's connection. */
  codecs: Codecs;
  /** A track of this client's is ready to forward: other participants may want it. */
  onPublished(): void;
}

/**
 * The peer connection's handlers that turn what a client sends into its published tracks, under the
 * SIDs its signaling published them with.
 */
export function receivePublications(
  options: ReceivingOptions,
): Pick<PeerConnectionOptions, 'onTrack' | 'onDataChannel'> {
  const { sessionId, client, published } = options;
  return {
    onTrack({ clientTrackId, track, receiver }) {
      // An m-line without an msid carries no track of the client's (it only receives).
      if (!clientTrackId) return;
      const trackSid = client.trackSidOf(clientTrackId);
      if (!trackSid) {
        // Also seen when the client unpublished the track just after the offer that still sends it.
        options.logger.warn(
          `the client sends track ${clientTrackId}, which it does not publish (now): not forwarded`,
        );
        return;
      }
      const known = published.get(trackSid);
      const kind = track.kind as 'audio' | 'video';
      // Forwards hold on to the published track (for keyframe requests too): renew it in place.
      const publication: PublishedMediaTrack =
        known && known.kind !== 'data'
          ? known
          : {
              trackSid,
              publisher: sessionId,
              kind,
              track,
              receiver,
              codecs: [],
              listeners: new Set(),
              keyframes: askPublisher(() => publication, options),
              unpipe: () => undefined,
            };
      publication.unpipe();
      publication.track = track;
      publication.receiver = receiver;
      publication.codecs = options.codecs[kind];
      let payloadType = -1;
      const pipe = track.onReceiveRtp.subscribe((rtp, extensions) => {
        // Told once per codec change (a payload type it had not sent just before), not per packet.
        if (rtp.header.payloadType !== payloadType) {
          payloadType = rtp.header.payloadType;
          const codec = detectedCodecOf(publication.codecs, payloadType);
          if (codec) client.codecDetected?.(codec);
        }
        for (const listener of publication.listeners) listener(rtp, extensions);
      });
      publication.unpipe = () => pipe.unSubscribe();
      published.set(trackSid, publication);
      if (publication === known) return;
      options.onPublished();
      client.mediaArrived?.(trackSid, kind);
    },
    onDataChannel(channel) {
      whenPublished(options, channel.label, (trackSid) => {
        const listeners = new Set<(message: string | Buffer) => void>();
        const pipe = channel.onMessage.subscribe((message) => {
          for (const listener of listeners) listener(message);
        });
        const unpipe = () => pipe.unSubscribe();
        published.set(trackSid, { trackSid, publisher: sessionId, kind: 'data', listeners, unpipe });
        options.onPublished();
      });
    },
  };
}

/** Keyframe requests for a publication, sent as a PLI to the track it arrives on now. */
function askPublisher(publication: () => PublishedMediaTrack, options: ReceivingOptions): KeyframeRequests {
  return createKeyframeRequests({
    send() {
      const { track, receiver, trackSid } = publication();
      if (!track.ssrc) return;
      receiver
        .sendRtcpPLI(track.ssrc)
        .catch((error: unknown) => options.logger.warn(`asking for a keyframe of ${trackSid} failed`, error));
    },
  });
}

/**
 * Calls `then` with the SID the client's track id was published under. The track list may arrive after
 * the data channel opens (later still on a busy machine): ask every 100 ms, for 30 s.
 */
function whenPublished(options: ReceivingOptions, clientTrackId: string, then: (trackSid: string) => void) {
  let tries = 0;
  const ask = () => {
    const trackSid = options.client.trackSidOf(clientTrackId);
    if (trackSid) then(trackSid);
    else if (++tries < 300) options.lifetime.after(100, ask);
    else
      options.logger.warn(
        `data channel ${clientTrackId} matches no published track after 30 s: not forwarded`,
      );
  };
  ask();
}
