import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket, rtpHeaderExtensionsParser } from 'werift';
import { audioLevelOf, audioLevelUri } from './audio-level.js';

/**
 * An audio packet as Chromium sends it, through the wire and back, its header extensions read as the
 * SFU's werift reads them: `ids` maps each extension id to its URI, as the negotiated `a=extmap` lines do.
 */
function received(extensions: { id: number; payload: number[] }[], ids: Record<number, string>) {
  const header = new RtpHeader({
    payloadType: 111,
    sequenceNumber: 1,
    timestamp: 960,
    ssrc: 1234,
    extension: extensions.length > 0,
    extensions: extensions.map(({ id, payload }) => ({ id, payload: Buffer.from(payload) })),
  });
  const wire = new RtpPacket(header, Buffer.from([0xf8, 0xff, 0xfe])).serialize();
  return rtpHeaderExtensionsParser(RtpPacket.deSerialize(wire).header.extensions, ids);
}

describe('the RFC 6464 audio level of a packet', () => {
  it('is the 7-bit -dBov value, the V flag set or not', () => {
    expect(audioLevelOf(received([{ id: 1, payload: [0x80 | 33] }], { 1: audioLevelUri }))).toBe(33);
    expect(audioLevelOf(received([{ id: 1, payload: [127] }], { 1: audioLevelUri }))).toBe(127);
    expect(audioLevelOf(received([{ id: 1, payload: [0x80] }], { 1: audioLevelUri }))).toBe(0);
  });

  it('is found under whatever id the offer gave it, beside other extensions', () => {
    const ids = { 3: 'urn:ietf:params:rtp-hdrext:sdes:mid', 5: audioLevelUri };
    const extensions = [
      { id: 3, payload: [0x30] },
      { id: 5, payload: [0x80 | 9] },
    ];
    expect(audioLevelOf(received(extensions, ids))).toBe(9);
  });

  it('is unknown when the packet carries none, or the extension was not negotiated', () => {
    expect(audioLevelOf(received([], { 1: audioLevelUri }))).toBeUndefined();
    expect(audioLevelOf(received([{ id: 1, payload: [0x80 | 33] }], {}))).toBeUndefined();
    expect(audioLevelOf(undefined)).toBeUndefined();
  });
});
