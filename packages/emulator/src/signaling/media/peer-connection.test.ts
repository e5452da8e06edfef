import { Socket } from 'node:dgram';
import { promises as dns } from 'node:dns';
import { memoryLogger } from '@roomlab/core';
import { afterEach, expect, it, vi } from 'vitest';
import { chromiumOffer } from '../../test-support/chromium-offer.js';
import { connectionCodecs } from './codecs.js';
import { createLifetime } from './lifetime.js';
import { createPeerConnection } from './peer-connection.js';

afterEach(() => {
  vi.restoreAllMocks();
});

it('asks no STUN server on the internet for candidates, and says it is ICE-lite, as Twilio’s media servers do', async () => {
  // Every name the SFU would look up and every datagram it would send is caught here: none leaves.
  const asked: string[] = [];
  vi.spyOn(dns, 'lookup').mockImplementation(async (hostname: string) => {
    asked.push(hostname);
    throw new Error('no DNS in this test');
  });
  vi.spyOn(Socket.prototype, 'send').mockImplementation((...args: unknown[]) => {
    asked.push(String(args.find((arg) => typeof arg === 'string')));
  });
  const lifetime = createLifetime();
  const logger = memoryLogger();
  const pc = createPeerConnection({
    // Gathers on this machine's IPv4 addresses: host candidates only, and no packet sent for them.
    ice: { iceUseIpv4: true, iceUseIpv6: false },
    codecs: connectionCodecs(chromiumOffer, ['VP8']),
    lifetime,
    logger,
    onTrack: () => undefined,
    onDataChannel: () => undefined,
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: chromiumOffer });
  await pc.setLocalDescription(await pc.createAnswer());

  expect(asked).toEqual([]);
  expect(pc.localDescription?.sdp).toMatch(/\r\na=ice-lite\r\n/);
  expect(pc.localDescription?.sdp).toMatch(/\r\na=candidate:\S+ 1 udp \d+ \S+ \d+ typ host\b/);
  lifetime.end();
  expect(logger.entries).toEqual([]);
});
