/**
 * Network quality as the twilio-video SDK receives it (its `NetworkQualityStats`): a level from 0 to 5
 * for each medium and direction, with the measurements behind each level. Units are the SDK's: bits
 * per second, seconds, and a fraction from 0 to 1.
 */

/** How much of the path a medium uses, and how much there is (null: not measured). */
export interface BandwidthStats {
  actual: number | null;
  available: number | null;
  level: number;
}

export interface LatencyStats {
  jitter: number | null;
  rtt: number | null;
  level: number;
}

export interface FractionLostStats {
  fractionLost: number | null;
  level: number;
}

/** One direction (send or receive) of one medium. */
export interface SendOrRecvStats {
  bandwidth: BandwidthStats;
  latency: LatencyStats;
  fractionLost: FractionLostStats;
}

export interface MediaLevels {
  send: number;
  recv: number;
  sendStats: SendOrRecvStats;
  recvStats: SendOrRecvStats;
}

/** A participant's levels: `level` is the lowest of the four directions'. */
export interface NetworkQualityLevels {
  level: number;
  audio: MediaLevels;
  video: MediaLevels;
}

export const networkQualityMedia = ['audio', 'video'] as const;
export type NetworkQualityMedium = (typeof networkQualityMedia)[number];
export const networkQualityDirections = ['send', 'recv'] as const;
export type NetworkQualityDirection = (typeof networkQualityDirections)[number];

/** The best level: what a path nothing is known to be wrong with gets (Twilio: an unused network is 5). */
export const excellentLevel = 5;

/** The overall level of four direction levels, as the SDK computes it when the server leaves it out. */
export function overallLevel(levels: Pick<NetworkQualityLevels, 'audio' | 'video'>): number {
  return Math.min(levels.audio.send, levels.audio.recv, levels.video.send, levels.video.recv);
}

/** The same levels with every level set to `level` (the measurements kept): a forced level. */
export function withEveryLevel(levels: NetworkQualityLevels, level: number): NetworkQualityLevels {
  const direction = (stats: SendOrRecvStats): SendOrRecvStats => ({
    bandwidth: { ...stats.bandwidth, level },
    latency: { ...stats.latency, level },
    fractionLost: { ...stats.fractionLost, level },
  });
  const medium = (media: MediaLevels): MediaLevels => ({
    send: level,
    recv: level,
    sendStats: direction(media.sendStats),
    recvStats: direction(media.recvStats),
  });
  return { level, audio: medium(levels.audio), video: medium(levels.video) };
}
