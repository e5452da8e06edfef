import { memoryLogger } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RTCRtpCodecParameters } from 'werift';
import { loopback, loopbackClient, until } from '../../test-support/loopback-client.js';
import { detectedCodecOf } from './detected-codec.js';
import { createSfu, type Sfu } from './sfu.js';

let sfu: Sfu | undefined;
afterEach(() => {
  sfu?.close();
  sfu = undefined;
});

describe('the codec a publisher’s media arrives in', { timeout: 20_000 }, () => {
  it('is named by the payload type’s codec on its connection, and retransmissions name none', () => {
    const codecs = [
      new RTCRtpCodecParameters({ mimeType: 'video/H264', clockRate: 90000, payloadType: 102 }),
      new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000, payloadType: 103 }),
      new RTCRtpCodecParameters({ mimeType: 'audio/OPUS', clockRate: 48000, payloadType: 111 }),
    ];
    expect(detectedCodecOf(codecs, 102)).toBe('H264');
    expect(detectedCodecOf(codecs, 111)).toBe('opus');
    expect(detectedCodecOf(codecs, 103)).toBeUndefined();
    expect(detectedCodecOf(codecs, 96)).toBeUndefined();
  });

  it('is told once when real RTP reaches the SFU, not once per packet', async () => {
    const logger = memoryLogger();
    sfu = createSfu({ ice: loopback, logger });
    const alice = await loopbackClient(sfu, 'alice');
    await until(() => {
      alice.send();
      return alice.detectedCodecs.length > 0;
    });
    for (let i = 0; i < 20; i++) alice.send();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alice.detectedCodecs).toEqual(['VP8']);
    expect(logger.entries).toEqual([]);
    await alice.pc.close();
  });
});
