import { PictureLossIndication, type RTCRtpSender, RtcpPayloadSpecificFeedback } from 'werift';
import { createLifetime, type Lifetime } from './lifetime.js';
import type { PublishedMediaTrack } from './published-tracks.js';

/**
 * Keyframe requests to a publisher. A video decoder can start only at a keyframe, and a browser sends
 * one only at the start of its stream or when asked: so whatever starts receiving a running camera (a
 * subscriber's forward, a recording's tap) asks the publisher for one, and subscribers' own requests
 * (PLI, FIR) are passed on to it. All of them go through one requester per published track, which
 * rate-limits them.
 */
export interface KeyframeRequests {
  /** Asks the publisher for a keyframe: now, or at the end of the rate limit's window. */
  request(): void;
  /**
   * Asks now, and again after each of `retryMs` in case the request or its keyframe was lost, until the
   * returned function cancels the retries or `owner` ends.
   */
  requestWithRetries(owner: Lifetime, retryMs: readonly number[]): () => void;
  /** The track is gone (its publisher left): a request waiting for its window is dropped, and no more go. */
  close(): void;
}

/**
 * At most one request per published track in this window. libwebrtc's encoder ignores a keyframe
 * request that comes within 300 ms of the last one it honoured (EncoderRtcpFeedback,
 * kMinKeyframeSendIntervalMs), so asking sooner would be lost; the margin covers jitter between our
 * sends and their arrival. A request inside the window is not dropped but sent at its end (several
 * coalesce into one): so the subscriber whose path became ready just after the last keyframe still
 * gets one, while subscribers asking together, or a lossy one asking over and over, cost the
 * publisher at most about three keyframes a second (each is several times a delta frame's size).
 */
export const keyframeIntervalMs = 350;

/** After a receiver's first request: its retries (their keyframe or the request may be lost). */
export const keyframeRetryMs: readonly number[] = [500, 1500];

export interface KeyframeRequesterOptions {
  /** Sends one request to the publisher (a PLI). */
  send(): void;
}

export function createKeyframeRequests(options: KeyframeRequesterOptions): KeyframeRequests {
  // Its own lifetime, not the publisher's connection's: the track outlives a connection the client
  // closes and replaces, and its forwards keep this requester.
  const lifetime = createLifetime();
  // A monotonic clock: with the wall clock, a step back would hold every request for as long.
  const now = () => performance.now();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let waiting = false;
  const send = () => {
    waiting = false;
    lastSentAt = now();
    options.send();
  };
  const request = () => {
    if (waiting || lifetime.ended) return;
    const wait = lastSentAt + keyframeIntervalMs - now();
    if (wait <= 0) return send();
    waiting = true;
    lifetime.after(wait, send);
  };
  return {
    request,
    requestWithRetries(owner, retryMs) {
      request();
      const cancels = retryMs.map((delay) => owner.after(delay, request));
      return () => {
        for (const cancel of cancels) cancel();
      };
    },
    close: lifetime.end,
  };
}

/**
 * For a receiver of a published video track (a forward, a tap): call it with each packet, saying
 * whether the receiver can take it now. The first packet of each track object it can take asks for a
 * keyframe, with retries owned by `owner`. A forward's path is not ready until the subscriber's DTLS
 * is up and its answer has given the m-line a codec (werift drops what is sent before): a keyframe
 * asked for earlier is lost, and the subscriber waits for the next one.
 */
export function keyframeOnFirstPacket(publication: PublishedMediaTrack, owner: Lifetime) {
  let asked: PublishedMediaTrack['track'] | undefined;
  let cancelRetries: () => void = () => undefined;
  return (ready: boolean) => {
    if (!ready || publication.kind !== 'video' || asked === publication.track) return;
    asked = publication.track;
    cancelRetries();
    cancelRetries = publication.keyframes.requestWithRetries(owner, keyframeRetryMs);
  };
}

/** Whether werift sends what a sender is given now (see keyframeOnFirstPacket). */
export const senderReady = (sender: RTCRtpSender) =>
  sender.dtlsTransport.state === 'connected' && sender.codec !== undefined;

/** The feedback message type of a Full Intra Request (RFC 5104 §4.3.1). */
const fullIntraRequest = 4;

/**
 * Calls `ask` for each keyframe request (PLI, FIR) the subscriber sends about `sender`'s stream.
 * Returns the unsubscribe. Read off the connection's transport rather than `onPictureLossIndication`:
 * werift routes a PLI by its sender SSRC first, and a browser that also sends video puts its own
 * camera's SSRC there, so werift hands the request to the receiver of that camera and the sender never
 * hears of it. werift does not read FIR at all.
 */
export function onKeyframeRequest(sender: RTCRtpSender, ask: () => void): () => void {
  return sender.dtlsTransport.onRtcp.subscribe((packet) => {
    if (packet.type !== RtcpPayloadSpecificFeedback.type) return;
    const { feedback } = packet;
    if (feedback.count === PictureLossIndication.count && 'mediaSsrc' in feedback) {
      if (feedback.mediaSsrc === sender.ssrc) ask();
    } else if (feedback.count === fullIntraRequest && 'fir' in feedback) {
      if (feedback.fir.some((entry) => entry.ssrc === sender.ssrc)) ask();
    }
  }).unSubscribe;
}
