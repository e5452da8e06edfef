import type { Logger } from '@roomlab/core';
import {
  type MediaStreamTrack,
  type RTCDataChannel,
  RTCPeerConnection,
  type RTCPeerConnectionConfig,
  type RTCRtpReceiver,
  useAudioLevelIndication,
} from 'werift';
import type { Codecs } from './codecs.js';
import type { Lifetime } from './lifetime.js';
import { trackIdsByMid } from './sdp.js';

/** Where the SFU's ICE gathers candidates (werift's settings; werift's defaults where unset). */
export type IceSettings = Pick<
  RTCPeerConnectionConfig,
  'iceServers' | 'iceUseIpv4' | 'iceUseIpv6' | 'iceInterfaceAddresses' | 'iceAdditionalHostAddresses'
>;

/** A track the client sends, as it arrived on one of its m-lines. */
export interface ReceivedTrack {
  /** The client's id for it (the m-line's msid), if its offer names one. */
  clientTrackId: string | undefined;
  track: MediaStreamTrack;
  receiver: RTCRtpReceiver;
}

export interface PeerConnectionOptions {
  ice: IceSettings | undefined;
  /** The codecs it speaks (see codecs.ts). */
  codecs: Codecs;
  /** Owns the connection: ending it removes the handlers and closes the connection. */
  lifetime: Lifetime;
  logger: Logger;
  /** The client sends a track (again, as a new track object, after a renegotiation). */
  onTrack(received: ReceivedTrack): void;
  /** The client opened a data channel: one of its data tracks, labelled with the track's id. */
  onDataChannel(channel: RTCDataChannel): void;
}

/**
 * The SFU's end of one client's peer connection: its codecs, one transport for all m-lines, and ICE-lite
 * as Twilio's media servers are. ICE-lite also keeps werift from asking a STUN server on the internet
 * (stun.l.google.com, even with no ICE servers set) for a candidate, which held every answer for
 * seconds where that server is out of reach.
 *
 * Of the RTP header extensions a client offers it keeps only the audio level (RFC 6464, under the
 * client's id): Chromium then marks each audio packet with its loudness, which is how the SFU hears who
 * speaks (see audio-level.ts).
 */
export function createPeerConnection(options: PeerConnectionOptions): RTCPeerConnection {
  const { lifetime, logger, codecs } = options;
  const pc = new RTCPeerConnection({
    ...options.ice,
    iceLite: true,
    codecs,
    headerExtensions: { audio: [useAudioLevelIndication()], video: [] },
    bundlePolicy: 'max-bundle',
  });
  // Owned first, so released last: the handlers go before the connection closes.
  lifetime.own(() => {
    pc.close().catch((error: unknown) => logger.warn('closing a media peer connection failed', error));
  });
  pc.ontrack = ({ track, transceiver, receiver }) => {
    // werift fires this inside setRemoteDescription: hand the track over after the current negotiation step.
    lifetime.after(0, () => {
      const clientTrackId = trackIdsByMid(pc.remoteDescription?.sdp ?? '').get(transceiver.mid ?? '');
      options.onTrack({ clientTrackId, track, receiver });
    });
  };
  lifetime.own(() => {
    pc.ontrack = null;
  });
  lifetime.own(pc.onDataChannel.subscribe((channel) => options.onDataChannel(channel)).unSubscribe);
  return pc;
}

/** Resolves once ICE gathering is complete, after 3 s at most, or when the connection's lifetime ends. */
export function iceGathered(pc: RTCPeerConnection, lifetime: Lifetime): Promise<void> {
  if (pc.iceGatheringState === 'complete' || lifetime.ended) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = lifetime.own(() => {
      watching.unSubscribe();
      cancelTimeout();
      resolve();
    });
    const watching = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') finish();
    });
    const cancelTimeout = lifetime.after(3000, finish);
  });
}

/** Data channel ids this side opens: even, as the DTLS client's are (RFC 8832). */
export function evenChannelIds(): () => number {
  let next = 2;
  return () => {
    const id = next;
    next += 2;
    return id;
  };
}
