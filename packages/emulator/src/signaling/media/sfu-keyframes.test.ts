import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PictureLossIndication, RtcpPayloadSpecificFeedback } from 'werift';
import { loopback, loopbackClient, until } from '../../test-support/loopback-client.js';
import { keyframeIntervalMs, keyframeRetryMs } from './keyframes.js';
import { createSfu, type Sfu } from './sfu.js';

/**
 * Keyframe requests through the SFU, with real RTP and RTCP over loopback: alice publishes a camera,
 * bob (who publishes one too, as a browser with a camera does) subscribes to it.
 */
let sfu: Sfu | undefined;
afterEach(() => {
  sfu?.close();
  sfu = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyframe requests through the SFU', { timeout: 20_000 }, () => {
  it('a new subscriber’s forward asks the publisher once packets can reach it, and passes on the subscriber’s own PLI', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: loopback, logger });
    const alice = await loopbackClient(sfu, 'alice');
    const bob = await loopbackClient(sfu, 'bob');
    sfu.subscribe('bob', [alice.trackSid]);
    await until(() => {
      alice.send();
      return bob.received.length > 0;
    });
    await until(() => alice.keyframeRequests.length > 0);

    // Once the forward's own requests (and their retries) are over, bob asks as Chromium does: its PLI
    // names the forwarded stream, and as its sender the SSRC of its own camera.
    await sleep(Math.max(...keyframeRetryMs) + keyframeIntervalMs + 200);
    const before = alice.keyframeRequests.length;
    const forwarded = bob.received[0]?.header.ssrc ?? 0;
    const pli = new PictureLossIndication({ senderSsrc: bob.sender.ssrc, mediaSsrc: forwarded });
    await bob.sender.dtlsTransport.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: pli })]);
    await until(() => alice.keyframeRequests.length > before);

    expect(logger.entries).toEqual([]);
    await Promise.all([alice.pc.close(), bob.pc.close()]);
  });
});
