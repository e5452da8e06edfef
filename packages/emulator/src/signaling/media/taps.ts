import type { Logger } from '@roomlab/core';
import type { Extensions, RTCRtpCodecParameters, RtpPacket } from 'werift';
import { keyframeOnFirstPacket } from './keyframes.js';
import { createLifetime, type Lifetime } from './lifetime.js';
import type { PublishedMediaTrack, PublishedTracks } from './published-tracks.js';

/**
 * Taps on the RTP of published audio and video tracks: how a recording gets its media. A tap is asked
 * for by track SID, before or after the track reaches the SFU (signaling can publish a track before
 * its media arrives), and connects once it has. It listens to the publication, not to a werift track,
 * so it keeps receiving when werift hands over a new track object on renegotiation. It ends when
 * released, or when the publisher leaves.
 *
 * A tap gets each packet with its codec and its header extensions as werift read them (an audio
 * packet's level, say: see audio-level.ts).
 *
 * A video tap asks the publisher for a keyframe when the first packet reaches it from a track object,
 * as a new subscriber's forward does: a browser sends one only when asked, and a recording starts at one.
 */
export type TrackTap = (rtp: RtpPacket, codec: RTCRtpCodecParameters, extensions?: Extensions) => void;

export interface Taps {
  /** Taps the track with this SID, now or once it is published. Returns the release. */
  add(trackSid: string, tap: TrackTap): () => void;
  /** Connects waiting taps to the tracks published now. */
  connect(): void;
  /** Releases the taps on what this signaling session published (its participant left). */
  releasePublisher(publisher: string): void;
  releaseAll(): void;
}

interface Tap {
  trackSid: string;
  tap: TrackTap;
  lifetime: Lifetime;
  /** The session whose track it taps, once connected. */
  publisher?: string;
}

export function createTaps(published: PublishedTracks, logger: Logger): Taps {
  const taps = new Set<Tap>();
  const release = (entry: Tap) => {
    taps.delete(entry);
    entry.lifetime.end();
  };
  const connect = (entry: Tap) => {
    const publication = published.get(entry.trackSid);
    if (entry.publisher || !publication || publication.kind === 'data') return;
    entry.publisher = publication.publisher;
    const listener = tapListener(publication, entry, logger);
    publication.listeners.add(listener);
    entry.lifetime.own(() => publication.listeners.delete(listener));
  };
  return {
    add(trackSid, tap) {
      const entry: Tap = { trackSid, tap, lifetime: createLifetime() };
      taps.add(entry);
      connect(entry);
      return () => release(entry);
    },
    connect() {
      for (const entry of taps) connect(entry);
    },
    releasePublisher(publisher) {
      for (const entry of [...taps]) if (entry.publisher === publisher) release(entry);
    },
    releaseAll() {
      for (const entry of [...taps]) release(entry);
    },
  };
}

/** Hands each packet to the tap with its codec; a failure of the tap's is reported once. */
function tapListener(publication: PublishedMediaTrack, { tap, trackSid, lifetime }: Tap, logger: Logger) {
  const failed = once((message: string, error?: unknown) =>
    logger.error(`tapping ${trackSid}: ${message} (not reported again for this tap)`, error),
  );
  const keyframe = keyframeOnFirstPacket(publication, lifetime);
  return (rtp: RtpPacket, extensions?: Extensions) => {
    keyframe(true);
    const { payloadType } = rtp.header;
    const codec = publication.codecs.find((candidate) => candidate.payloadType === payloadType);
    if (!codec)
      return failed(`a packet of payload type ${payloadType}, which the publisher did not negotiate`);
    try {
      tap(rtp, codec, extensions);
    } catch (error) {
      failed('the tap failed', error);
    }
  };
}

function once<Args extends unknown[]>(report: (...args: Args) => void): (...args: Args) => void {
  let reported = false;
  return (...args) => {
    if (reported) return;
    reported = true;
    report(...args);
  };
}
