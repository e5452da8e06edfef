/**
 * Opus packets (RFC 6716 §3.1): how long one lasts, read from its TOC byte, so a recording's duration
 * covers its last packet; and the smallest packet that decodes to 20 ms of silence.
 */

/** TOC config 31 (CELT, fullband, 20 ms), mono, one frame; the frame's two bytes decode to silence. */
export const opusSilence20ms = Buffer.from([0xf8, 0xff, 0xfe]);

/** Frame lengths in ms by configuration: SILK (0–11), hybrid (12–15), CELT (16–31). */
function frameMs(config: number): number {
  if (config < 12) return [10, 20, 40, 60][config % 4] ?? 20;
  if (config < 16) return [10, 20][config % 2] ?? 20;
  return [2.5, 5, 10, 20][config % 4] ?? 20;
}

/** The packet's length in ms (0 for an empty packet, which carries no audio). */
export function opusPacketMs(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const frameCode = toc & 3;
  const frames = frameCode === 0 ? 1 : frameCode < 3 ? 2 : (packet[1] ?? 0) & 0x3f;
  return frameMs(toc >> 3) * frames;
}
