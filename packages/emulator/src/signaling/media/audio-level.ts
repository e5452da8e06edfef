import type { Extensions } from 'werift';

/**
 * RFC 6464's client-to-mixer audio level: a one-byte RTP header extension on each audio packet that
 * says how loud it is, so a media server can tell who speaks without decoding any audio. Chromium sends
 * it when the SFU's answer keeps the `a=extmap` line of its offer (see peer-connection.ts).
 */
export const audioLevelUri = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

/**
 * The level a packet carries, as werift parsed its header extensions: 0 (0 dBov, the loudest) to 127
 * (-127 dBov, silence); undefined when the packet has none. The V (voice activity) flag is not read:
 * Chromium sets it on every packet, silence included.
 */
export function audioLevelOf(extensions: Extensions | undefined): number | undefined {
  const level = (extensions?.[audioLevelUri] as { level?: unknown } | undefined)?.level;
  return typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 127
    ? level
    : undefined;
}
