import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loopback, loopbackClient, payloadOf, until } from '../../test-support/loopback-client.js';
import { createSfu, type Sfu } from './sfu.js';

/**
 * A tap on a published track, with real RTP: a werift client publishes a camera to the SFU over
 * loopback and sends packets on it.
 */
const alicePublishes = (sfu: Sfu) => loopbackClient(sfu, 'alice');

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

  // Each subscriber's stream is rewritten for it (its own SSRC), which must touch neither the other
  // subscriber's packets nor what a tap sees.
  it('of a track forwarded to two subscribers, gets each packet as the publisher sent it, while each subscriber gets a stream of its own', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: loopback, logger });
    const alice = await loopbackClient(sfu, 'alice');
    const bob = await loopbackClient(sfu, 'bob');
    const carol = await loopbackClient(sfu, 'carol');
    sfu.subscribe('bob', [alice.trackSid]);
    sfu.subscribe('carol', [alice.trackSid]);
    await until(() => {
      alice.send();
      return bob.received.length > 0 && carol.received.length > 0;
    });
    // Tapped after the forwards started: its listener runs after theirs, on the same packets.
    const tapped: { ssrc: number; sequenceNumber: number }[] = [];
    sfu.tapTrack(alice.trackSid, ({ header }) =>
      tapped.push({ ssrc: header.ssrc, sequenceNumber: header.sequenceNumber }),
    );
    const sentFrom = alice.sent() + 1;
    for (let i = 0; i < 20; i++) alice.send();
    const sent = Array.from({ length: 20 }, (_, i) => sentFrom + i);
    // Packets sent before may still be on their way: only the 20 sent from here on are compared.
    const after = (client: typeof bob) =>
      client.received.filter((rtp) => rtp.header.sequenceNumber >= sentFrom);
    const tappedAfter = () => tapped.filter((rtp) => rtp.sequenceNumber >= sentFrom);
    await until(() => tappedAfter().length >= 20 && after(bob).length >= 20 && after(carol).length >= 20);

    expect(tappedAfter()).toEqual(
      sent.map((sequenceNumber) => ({ ssrc: alice.sender.ssrc, sequenceNumber })),
    );
    const streams = [bob, carol].map((client) => new Set(after(client).map((rtp) => rtp.header.ssrc)));
    expect(streams.map((ssrcs) => ssrcs.size)).toEqual([1, 1]);
    const [bobSsrc, carolSsrc] = streams.map((ssrcs) => [...ssrcs][0]);
    expect(new Set([alice.sender.ssrc, bobSsrc, carolSsrc]).size).toBe(3);
    for (const client of [bob, carol]) {
      expect(after(client).map((rtp) => rtp.header.sequenceNumber)).toEqual(sent);
      expect(after(client).map((rtp) => [...rtp.payload])).toEqual(sent.map(payloadOf));
    }
    expect(logger.entries).toEqual([]);
    await Promise.all([alice.pc.close(), bob.pc.close(), carol.pc.close()]);
  });
});
