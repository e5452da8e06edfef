import { Socket } from 'node:dgram';
import { promises as dns } from 'node:dns';
import { memoryLogger } from '@roomlab/core';
import { afterEach, expect, it, vi } from 'vitest';
import { chromiumOffer } from '../../test-support/chromium-offer.js';
import { connectionCodecs } from './codecs.js';
import { createLifetime } from './lifetime.js';
import { createPeerConnection, type IceSettings } from './peer-connection.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The SFU's end of a connection, having answered Chromium's offer for a camera and a microphone. */
async function answeringChromium(ice: IceSettings) {
  const lifetime = createLifetime();
  const logger = memoryLogger();
  const pc = createPeerConnection({
    ice,
    codecs: connectionCodecs(chromiumOffer, ['VP8']),
    lifetime,
    logger,
    onTrack: () => undefined,
    onDataChannel: () => undefined,
  });
  await pc.setRemoteDescription({ type: 'offer', sdp: chromiumOffer });
  await pc.setLocalDescription(await pc.createAnswer());
  return { pc, lifetime, logger };
}

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
  // Gathers on this machine's IPv4 addresses: host candidates only, and no packet sent for them.
  const { pc, lifetime, logger } = await answeringChromium({ iceUseIpv4: true, iceUseIpv6: false });

  expect(asked).toEqual([]);
  expect(pc.localDescription?.sdp).toMatch(/\r\na=ice-lite\r\n/);
  expect(pc.localDescription?.sdp).toMatch(/\r\na=candidate:\S+ 1 udp \d+ \S+ \d+ typ host\b/);
  lifetime.end();
  expect(logger.entries).toEqual([]);
});

it("keeps the audio-level header extension (RFC 6464) of the client's audio, under the client's id: Chromium then sends each packet's level", async () => {
  const { pc, lifetime } = await answeringChromium({ iceUseIpv4: false, iceUseIpv6: false });
  const extmaps = (kind: string) =>
    (pc.localDescription?.sdp ?? '')
      .split(/\r\n(?=m=)/)
      .filter((section) => section.startsWith(`m=${kind} `))
      .map((section) => section.match(/^a=extmap:.*$/gm) ?? []);
  // Chromium offers four extensions for audio and eleven for video (see the fixture).
  expect(extmaps('audio')).toEqual([['a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level']]);
  expect(extmaps('video')).toEqual([[]]);
  lifetime.end();
});
