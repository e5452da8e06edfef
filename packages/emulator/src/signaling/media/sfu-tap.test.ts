import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import type { IceSettings } from './peer-connection.js';
import { createSfu, type Sfu } from './sfu.js';

/**
 * A tap on a published track, with real RTP: a werift client publishes a camera to the SFU over
 * loopback (both ends gather 127.0.0.1 only, so nothing leaves the machine) and sends packets on it.
 */
const loopback: IceSettings = {
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
};

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; waited < 10_000 && !condition(); waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** Alice connects and publishes a camera, as `MT-alice-video`; `send` sends an RTP packet on it. */
async function alicePublishes(sfu: Sfu) {
  const pc = new RTCPeerConnection(loopback);
  const camera = new MediaStreamTrack({ kind: 'video' });
  const { sender } = pc.addTransceiver(camera, { direction: 'sendonly' });
  sender.streamId = 'alice';
  const keyframeRequests: number[] = [];
  sender.onPictureLossIndication.subscribe(() => keyframeRequests.push(Date.now()));
  let work = Promise.resolve();
  sfu.join('alice', {
    send(body) {
      const { peer_connections } = body as {
        peer_connections?: { description: { type: string; sdp?: string } }[];
      };
      const description = peer_connections?.[0]?.description;
      if (description?.type !== 'answer' || !description.sdp) return;
      const { sdp } = description;
      work = work.then(() => pc.setRemoteDescription({ type: 'answer', sdp }));
    },
    trackSidOf: (id) => (id === sender.trackId ? 'MT-alice-video' : undefined),
    roomSid: 'RM1',
    networkQuality: () => ({ local: 5, remotes: [] }),
    features: new Set(),
  });
  await pc.setLocalDescription(await pc.createOffer());
  sfu.describe('alice', 'pc-1', { type: 'offer', revision: 1, sdp: pc.localDescription?.sdp });
  await until(() => pc.connectionState === 'connected');
  let sequenceNumber = 0;
  const send = () => {
    sequenceNumber++;
    const header = new RtpHeader({ sequenceNumber, timestamp: sequenceNumber * 3000, marker: true });
    camera.writeRtp(new RtpPacket(header, Buffer.from([0x10, 0, 0, 0])));
  };
  return { pc, send, keyframeRequests };
}

let sfu: Sfu | undefined;
afterEach(() => {
  vi.useRealTimers();
  sfu?.close();
  sfu = undefined;
});

describe('a tap on a published track', { timeout: 20_000 }, () => {
  it('asked for before the track is published, gets its RTP once it arrives, in its codec; then none once released', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: loopback, logger });
    const tapped: string[] = [];
    const release = sfu.tapTrack('MT-alice-video', (rtp, codec) =>
      tapped.push(`${rtp.header.sequenceNumber} ${codec.mimeType}`),
    );
    const alice = await alicePublishes(sfu);

    await until(() => {
      alice.send();
      return tapped.length >= 3;
    });
    expect(tapped[0]).toMatch(/^\d+ video\/VP8$/);
    // The tap asked alice for a keyframe, as a recording needs one to start.
    await until(() => alice.keyframeRequests.length > 0);

    release();
    const count = tapped.length;
    for (let i = 0; i < 5; i++) alice.send();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tapped.length).toBe(count);
    expect(logger.entries).toEqual([]);
    await alice.pc.close();
  });

  it('ends when its publisher leaves: nothing of it stays behind', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: loopback, logger });
    const alice = await alicePublishes(sfu);
    // Connected: from here on every timer is counted.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const tapped: number[] = [];
    sfu.tapTrack('MT-alice-video', (rtp) => tapped.push(rtp.header.sequenceNumber));
    for (let turn = 0; turn < 5000 && tapped.length === 0; turn++) {
      if (turn % 50 === 0) alice.send();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(tapped.length).toBeGreaterThan(0);
    // The tap asks alice for a keyframe again in a moment, in case the first request was lost.
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    sfu.leave('alice');
    expect(vi.getTimerCount()).toBe(0);
    expect(logger.entries).toEqual([]);
    await alice.pc.close();
  });
});
