import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loopback, loopbackClient, until } from '../../test-support/loopback-client.js';
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
});
