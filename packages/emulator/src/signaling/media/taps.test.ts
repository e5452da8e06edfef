import { memoryLogger } from '@roomlab/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaStreamTrack, type RTCRtpReceiver, RtpHeader, RtpPacket } from 'werift';
import { connectionCodecs } from './codecs.js';
import { createLifetime } from './lifetime.js';
import { type PublishedTracks, receivePublications } from './published-tracks.js';
import { createTaps } from './taps.js';

/**
 * Taps, driven through the layer that turns what a client sends into published tracks, with werift
 * track objects standing for what werift hands over (no peer connection: sfu-tap.test.ts has one).
 * Alice's connection speaks Opus, VP8 and H264 (a room with both video codecs).
 */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function aliceConnects() {
  const logger = memoryLogger();
  const published: PublishedTracks = new Map();
  const taps = createTaps(published, logger);
  const codecs = connectionCodecs('', ['VP8', 'H264']);
  /** Alice's peer connection, as the SFU's connection.ts receives on it. */
  const connection = () => {
    const lifetime = createLifetime();
    const receiving = receivePublications({
      sessionId: 'alice',
      client: {
        send: () => undefined,
        trackSidOf: (id) => (id === 'camera' ? 'MT-camera' : undefined),
        roomSid: 'RM1',
        networkQuality: () => ({ local: 5, remotes: [] }),
        features: new Set(),
      },
      published,
      lifetime,
      logger,
      codecs,
      onPublished: () => taps.connect(),
    });
    return { receiving, lifetime };
  };
  let current = connection();
  /** Alice's client closes its peer connection and opens another (her tracks stay published). */
  const replaceConnection = () => {
    current.lifetime.end();
    current = connection();
  };
  const keyframeRequests: number[] = [];
  /** werift hands over the camera's track (again, as a new object, after a renegotiation). */
  const cameraArrives = (ssrc: number) => {
    const track = new MediaStreamTrack({ kind: 'video', ssrc, remote: true });
    const receiver = { sendRtcpPLI: async (mediaSsrc: number) => keyframeRequests.push(mediaSsrc) };
    current.receiving.onTrack({
      clientTrackId: 'camera',
      track,
      receiver: receiver as unknown as RTCRtpReceiver,
    });
    return (sequenceNumber: number, payloadType = 96) =>
      track.onReceiveRtp.execute(
        new RtpPacket(new RtpHeader({ sequenceNumber, payloadType, ssrc }), Buffer.alloc(4)),
      );
  };
  return { logger, taps, published, cameraArrives, replaceConnection, keyframeRequests, codecs };
}

describe('a tap', () => {
  it('keeps tapping through a renegotiation that hands over a new track object, and asks the new one for a keyframe', async () => {
    const alice = aliceConnects();
    const tapped: number[] = [];
    alice.taps.add('MT-camera', (rtp) => tapped.push(rtp.header.sequenceNumber));
    const first = alice.cameraArrives(1111);
    first(1);
    const renewed = alice.cameraArrives(2222);
    first(2);
    renewed(3);

    expect(tapped).toEqual([1, 3]);
    await vi.advanceTimersByTimeAsync(2000);
    // At the first packet from each, and twice more from the one it comes from now.
    expect(alice.keyframeRequests).toEqual([1111, 2222, 2222, 2222]);
    expect(alice.logger.entries).toEqual([]);
  });

  it('keeps asking for keyframes when the publisher’s client replaces its peer connection', async () => {
    const alice = aliceConnects();
    alice.taps.add('MT-camera', () => undefined);
    alice.cameraArrives(1111)(1);
    alice.replaceConnection();
    alice.cameraArrives(3333)(2);
    await vi.advanceTimersByTimeAsync(2000);

    // The track object on the new connection is asked at its first packet, and again later (the first
    // one's retries are dropped).
    expect(alice.keyframeRequests).toEqual([1111, 3333, 3333, 3333]);
    expect(alice.logger.entries).toEqual([]);
  });

  it('gets each packet with the codec its payload type says, whatever werift took the track’s codec to be', () => {
    const alice = aliceConnects();
    const tapped: string[] = [];
    alice.taps.add('MT-camera', (_rtp, codec) => tapped.push(codec.mimeType));
    const send = alice.cameraArrives(1111);
    const h264 = alice.codecs.video.find((codec) => codec.mimeType === 'video/H264')?.payloadType;
    send(1, 96);
    send(2, h264);

    expect(tapped).toEqual(['video/VP8', 'video/H264']);
  });

  it('once released, gets nothing more, and leaves no timer behind', () => {
    const alice = aliceConnects();
    const tapped: number[] = [];
    const release = alice.taps.add('MT-camera', (rtp) => tapped.push(rtp.header.sequenceNumber));
    const send = alice.cameraArrives(1111);
    send(1);
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    release();
    send(2);
    expect(tapped).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('that throws is reported once, and the track’s other listeners still get every packet', () => {
    const alice = aliceConnects();
    alice.taps.add('MT-camera', () => {
      throw new Error('disk full');
    });
    const send = alice.cameraArrives(1111);
    const forwarded: number[] = [];
    const publication = alice.published.get('MT-camera');
    if (publication?.kind !== 'video') throw new Error('the camera is not published');
    publication.listeners.add((rtp) => forwarded.push(rtp.header.sequenceNumber));
    send(1);
    send(2);

    expect(forwarded).toEqual([1, 2]);
    expect(alice.logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'tapping MT-camera: the tap failed (not reported again for this tap)',
      }),
    ]);
  });
});
