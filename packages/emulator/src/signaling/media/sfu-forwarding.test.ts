import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loopback, loopbackClient, payloadOf, until } from '../../test-support/loopback-client.js';
import { createSfu, type Sfu } from './sfu.js';

/**
 * Forwarding with real RTP over loopback: alice publishes a camera, bob and carol subscribe to it, and
 * a recording taps it. Each subscriber's stream is rewritten for it (its own SSRC), which must touch
 * neither the other subscriber's packets nor what the tap sees.
 */
let sfu: Sfu | undefined;
afterEach(() => {
  sfu?.close();
  sfu = undefined;
});

describe('forwarding one published track', { timeout: 20_000 }, () => {
  it('gives every subscriber each packet in a stream of its own, and the tap the packet as the publisher sent it', async () => {
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
