import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Event,
  MediaStreamTrack,
  PictureLossIndication,
  type RTCRtpSender,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
  RtcpRrPacket,
} from 'werift';
import {
  createKeyframeRequests,
  keyframeIntervalMs,
  keyframeOnFirstPacket,
  keyframeRetryMs,
  onKeyframeRequest,
} from './keyframes.js';
import { createLifetime } from './lifetime.js';
import type { PublishedMediaTrack } from './published-tracks.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A publisher's keyframe requester that notes when (fake ms since the start) each request went out. */
function publisher() {
  const start = performance.now();
  const sent: number[] = [];
  const keyframes = createKeyframeRequests({ send: () => sent.push(performance.now() - start) });
  return { sent, keyframes };
}

describe('keyframe requests to a publisher', () => {
  it('go out at once when none went out in the last window', () => {
    const { sent, keyframes } = publisher();
    keyframes.request();
    expect(sent).toEqual([0]);
  });

  it('are held to one per window: those inside it go out together at its end', async () => {
    const { sent, keyframes } = publisher();
    keyframes.request();
    await vi.advanceTimersByTimeAsync(100);
    keyframes.request();
    keyframes.request();
    await vi.advanceTimersByTimeAsync(1000);
    keyframes.request();

    expect(sent).toEqual([0, keyframeIntervalMs, 1100]);
  });

  it('asked with retries, go out now and again after each retry delay', async () => {
    const { sent, keyframes } = publisher();
    keyframes.requestWithRetries(createLifetime(), [500, 1500]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent).toEqual([0, 500, 1500]);
  });

  it('stop retrying when cancelled, or when the receiver that asked is gone', async () => {
    const { sent, keyframes } = publisher();
    const cancel = keyframes.requestWithRetries(createLifetime(), [500, 1500]);
    const receiver = createLifetime();
    keyframes.requestWithRetries(receiver, [2000]);
    cancel();
    receiver.end();
    await vi.advanceTimersByTimeAsync(3000);

    // The second receiver's first request (held to the window's end) is its own; no retry follows.
    expect(sent).toEqual([0, keyframeIntervalMs]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waiting for the window’s end are dropped when the track is gone', async () => {
    const { sent, keyframes } = publisher();
    keyframes.request();
    keyframes.request();
    keyframes.close();
    keyframes.request();
    await vi.advanceTimersByTimeAsync(1000);

    expect(sent).toEqual([0]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a receiver of a published track', () => {
  /** A published track whose keyframe requests are noted, and werift's handing over a new track object. */
  function published(kind: 'audio' | 'video') {
    const { sent, keyframes } = publisher();
    const publication = { kind, track: new MediaStreamTrack({ kind, ssrc: 1111 }), keyframes };
    const renew = () => {
      publication.track = new MediaStreamTrack({ kind, ssrc: 2222 });
    };
    return { sent, renew, publication: publication as unknown as PublishedMediaTrack };
  }

  it('asks for a keyframe at the first packet it can take, with retries, and not before', async () => {
    const { sent, publication } = published('video');
    const packet = keyframeOnFirstPacket(publication, createLifetime());
    await vi.advanceTimersByTimeAsync(200);
    packet(false);
    packet(false);
    expect(sent).toEqual([]);

    packet(true);
    packet(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([200, ...keyframeRetryMs.map((delay) => 200 + delay)]);
  });

  it('asks again when packets come from a new track object, and drops the old one’s retries', async () => {
    const { sent, publication, renew } = published('video');
    const packet = keyframeOnFirstPacket(publication, createLifetime());
    packet(true);
    await vi.advanceTimersByTimeAsync(1000);
    renew();
    packet(true);
    await vi.advanceTimersByTimeAsync(5000);

    // The first track's retry at 1500 is gone: the new one's come 500 and 1500 ms after it.
    expect(sent).toEqual([0, 500, 1000, 1500, 2500]);
  });

  it('of audio asks for nothing', async () => {
    const { sent, publication } = published('audio');
    keyframeOnFirstPacket(publication, createLifetime())(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]);
  });
});

describe('a subscriber’s keyframe requests', () => {
  /** A forward's sender (SSRC 5000) on a transport that hands over RTCP; notes each request passed on. */
  function forwardSender() {
    const onRtcp = new Event<[unknown]>();
    const sender = { ssrc: 5000, dtlsTransport: { onRtcp } } as unknown as RTCRtpSender;
    let asked = 0;
    const stop = onKeyframeRequest(sender, () => asked++);
    return { receive: (packet: unknown) => onRtcp.execute(packet), asked: () => asked, stop };
  }
  const pli = (senderSsrc: number, mediaSsrc: number) =>
    new RtcpPayloadSpecificFeedback({ feedback: new PictureLossIndication({ senderSsrc, mediaSsrc }) });
  /** A FIR (RFC 5104 §4.3.1) for `ssrc`, as it comes off the wire: werift's converter reads it. */
  const fir = (ssrc: number) => {
    const packet = Buffer.alloc(20);
    packet.writeUInt8(0x84, 0); // version 2, FMT 4
    packet.writeUInt8(206, 1);
    packet.writeUInt16BE(4, 2);
    packet.writeUInt32BE(1, 4);
    packet.writeUInt32BE(ssrc, 12);
    packet.writeUInt8(7, 16); // the request's sequence number
    return RtcpPacketConverter.deSerialize(packet)[0];
  };

  it('are passed on when a PLI or a FIR names the forward’s stream, whoever the sender SSRC says sent it', () => {
    const subscriber = forwardSender();
    // A browser that also sends video names its own camera's SSRC (here 42) as the PLI's sender.
    subscriber.receive(pli(42, 5000));
    subscriber.receive(fir(5000));
    expect(subscriber.asked()).toBe(2);
  });

  it('about other streams, and other RTCP, are not', () => {
    const subscriber = forwardSender();
    subscriber.receive(pli(42, 6000));
    subscriber.receive(fir(6000));
    subscriber.receive(new RtcpRrPacket({ ssrc: 42 }));
    subscriber.stop();
    subscriber.receive(pli(42, 5000));
    expect(subscriber.asked()).toBe(0);
  });
});
