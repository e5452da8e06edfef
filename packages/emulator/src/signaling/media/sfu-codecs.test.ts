import { memoryLogger, type VideoCodec } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, type RTCPeerConnectionConfig, useH264, useOPUS } from 'werift';
import { chromiumOffer } from '../../test-support/chromium-offer.js';
import type { MediaClient } from './media-client.js';
import { createSfu, type Sfu } from './sfu.js';

/**
 * The codecs the SFU speaks, seen in the descriptions it sends a Chromium client (Chromium 156's own
 * offer, captured) as a werift client publishes to it. Twilio's media servers take Opus and, of video,
 * the room's codecs only; the SDK reads both from the descriptions (simulcast, Opus DTX).
 */
const noNetwork = { iceUseIpv4: false, iceUseIpv6: false };

interface Description {
  type: string;
  sdp?: string;
}

const trackSid = (sessionId: string, kind: string) => `MT-${sessionId}-${kind}`;

/** A client of a room with `videoCodecs`; what the SFU sends it goes to `received`. */
function client(
  videoCodecs: VideoCodec[],
  received: Description[],
  trackSidOf: MediaClient['trackSidOf'],
): MediaClient {
  return {
    send(body) {
      const update = body as { peer_connections?: { description: Description }[] };
      const description = update.peer_connections?.[0]?.description;
      if (description?.sdp) received.push(description);
    },
    trackSidOf,
    roomSid: 'RM1',
    networkQuality: () => ({ local: 5, remotes: [] }),
    features: new Set(),
    videoCodecs,
  };
}

/** Alice's werift client publishes a microphone and a camera (in `codecs`, werift's defaults if unset). */
async function alicePublishes(
  sfu: Sfu,
  videoCodecs: VideoCodec[],
  codecs?: RTCPeerConnectionConfig['codecs'],
) {
  const pc = new RTCPeerConnection({ ...noNetwork, ...(codecs ? { codecs } : {}) });
  const sids = new Map<string, string>();
  for (const kind of ['audio', 'video'] as const) {
    const { sender } = pc.addTransceiver(new MediaStreamTrack({ kind }), { direction: 'sendonly' });
    sender.streamId = 'alice';
    sids.set(sender.trackId, trackSid('alice', kind));
  }
  const received: Description[] = [];
  sfu.join(
    'alice',
    client(videoCodecs, received, (id) => sids.get(id)),
  );
  await pc.setLocalDescription(await pc.createOffer());
  sfu.describe('alice', 'pc-1', { type: 'offer', revision: 1, sdp: pc.localDescription?.sdp });
  // Her tracks are published a turn after the SFU applied her offer: once answered, and that turn
  // has passed, bob's first offer carries them (on a busy machine it might not, otherwise).
  await until(() => received.some((description) => description.type === 'answer'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return pc;
}

/** Bob's Chromium offers its camera and microphone, then subscribes to alice's tracks. */
async function bobSubscribes(sfu: Sfu, videoCodecs: VideoCodec[]) {
  const received: Description[] = [];
  sfu.join(
    'bob',
    client(videoCodecs, received, (id) => trackSid('bob', id)),
  );
  sfu.describe('bob', 'pc-1', { type: 'offer', revision: 1, sdp: chromiumOffer });
  await until(() => received.some((description) => description.type === 'answer'));
  sfu.subscribe('bob', [trackSid('alice', 'audio'), trackSid('alice', 'video')]);
  await until(() => received.some((description) => description.type === 'offer'));
  const sdp = (type: string) => received.find((description) => description.type === type)?.sdp ?? '';
  return { answer: sdp('answer'), offer: sdp('offer') };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; waited < 5000 && !condition(); waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** The m-sections of `kind` in an SDP. */
const sections = (sdp: string, kind: 'audio' | 'video') =>
  sdp.split(/\r\n(?=m=)/).filter((section) => section.startsWith(`m=${kind} `));
/** A section's codecs, as `<payload type> <name>/<clock rate>[/<channels>] [<fmtp parameters>]`. */
const codecsOf = (section: string) =>
  [...section.matchAll(/\r\na=rtpmap:(\d+) (\S+)/g)].map(([, pt, name]) => {
    const fmtp = new RegExp(`\\r\\na=fmtp:${pt} ([^\\r]*)`).exec(section)?.[1];
    return fmtp ? `${pt} ${name} ${fmtp}` : `${pt} ${name}`;
  });

let sfu: Sfu | undefined;
afterEach(() => {
  sfu?.close();
  sfu = undefined;
});

describe('the codecs of the SFU’s descriptions', () => {
  it('in a VP8 room: VP8 only, and Opus with its fmtp line on every audio m-line, forwarded ones too (the SDK writes DTX into it)', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: noNetwork, logger });
    const alice = await alicePublishes(sfu, ['VP8']);
    const { answer, offer } = await bobSubscribes(sfu, ['VP8']);

    const opus = '111 opus/48000/2 minptime=10;useinbandfec=1';
    expect(sections(answer, 'audio').map(codecsOf)).toEqual([[opus]]);
    expect(sections(answer, 'video').map(codecsOf)).toEqual([['96 VP8/90000']]);
    // Bob's own m-lines, then the ones forwarding alice's microphone and camera.
    expect(sections(offer, 'audio').map(codecsOf)).toEqual([[opus], [opus]]);
    expect(sections(offer, 'video').map(codecsOf)).toEqual([['96 VP8/90000'], ['96 VP8/90000']]);
    expect(logger.entries).toEqual([]);
    await alice.close();
  });

  it('in an H264 room: one H264 profile that Chromium offered (packetization mode 1), numbered as it numbers it, and no VP8', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: noNetwork, logger });
    const alice = await alicePublishes(sfu, ['H264'], { audio: [useOPUS()], video: [useH264()] });
    const { answer, offer } = await bobSubscribes(sfu, ['H264']);

    const h264 = '108 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f';
    expect(sections(answer, 'video').map(codecsOf)).toEqual([[h264]]);
    expect(sections(offer, 'video').map(codecsOf)).toEqual([[h264], [h264]]);
    expect(logger.entries).toEqual([]);
    await alice.close();
  });
});
