import type { DetectedCodec } from '@roomlab/core';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import type { IceSettings } from '../signaling/media/peer-connection.js';
import type { Sfu } from '../signaling/media/sfu.js';

/**
 * A werift client of the SFU with real RTP, as the SDK behaves: it offers a camera (published as
 * `MT-<session>-video`), answers every offer of the SFU's, and notes what it receives. Both ends gather
 * 127.0.0.1 only, so nothing leaves the machine.
 */
export const loopback: IceSettings = {
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
};

interface Description {
  type: 'offer' | 'answer';
  revision: number;
  sdp?: string;
}

export async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; waited < 10_000 && !condition(); waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`not so after 10 s: ${condition}`);
}

/** A VP8 payload descriptor (a partition's start), then the packet's sequence number. */
export const payloadOf = (sequenceNumber: number) => [0x10, 0, sequenceNumber >> 8, sequenceNumber & 0xff];

export async function loopbackClient(sfu: Sfu, sessionId: string) {
  const pc = new RTCPeerConnection(loopback);
  const camera = new MediaStreamTrack({ kind: 'video' });
  const { sender } = pc.addTransceiver(camera, { direction: 'sendonly' });
  sender.streamId = sessionId;
  const trackSid = `MT-${sessionId}-video`;
  /** When (Date.now()) each keyframe request for its camera reached it. */
  const keyframeRequests: number[] = [];
  sender.onPictureLossIndication.subscribe(() => keyframeRequests.push(Date.now()));
  /** What the SFU forwards to it. */
  const received: RtpPacket[] = [];
  /** The codecs the SFU said its media arrives in, as it said them. */
  const detectedCodecs: DetectedCodec[] = [];
  pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => received.push(rtp)));
  let work = Promise.resolve();
  const answerOffers = (description: Description) => {
    const { type, revision, sdp } = description;
    if (!sdp) return;
    work = work.then(async () => {
      await pc.setRemoteDescription({ type, sdp });
      if (type !== 'offer') return;
      await pc.setLocalDescription(await pc.createAnswer());
      sfu.describe(sessionId, 'pc-1', { type: 'answer', revision, sdp: pc.localDescription?.sdp });
    });
  };
  sfu.join(sessionId, {
    send(body) {
      const { peer_connections } = body as { peer_connections?: { description: Description }[] };
      const description = peer_connections?.[0]?.description;
      if (description) answerOffers(description);
    },
    trackSidOf: (id) => (id === sender.trackId ? trackSid : undefined),
    roomSid: 'RM1',
    networkQuality: () => ({ local: 5, remotes: [] }),
    features: new Set(),
    codecDetected: (codec) => detectedCodecs.push(codec),
  });
  await pc.setLocalDescription(await pc.createOffer());
  sfu.describe(sessionId, 'pc-1', { type: 'offer', revision: 1, sdp: pc.localDescription?.sdp });
  await until(() => pc.connectionState === 'connected');
  let sequenceNumber = 0;
  /** Sends one RTP packet on its camera, its payload `payloadOf` its sequence number. */
  const send = () => {
    sequenceNumber++;
    const header = new RtpHeader({ sequenceNumber, timestamp: sequenceNumber * 3000, marker: true });
    camera.writeRtp(new RtpPacket(header, Buffer.from(payloadOf(sequenceNumber))));
  };
  /** The sequence number of the last packet sent. */
  const sent = () => sequenceNumber;
  return { pc, sender, trackSid, send, sent, keyframeRequests, received, detectedCodecs };
}
