import {
  excellentLevel,
  type MediaLevels,
  type NetworkQualityLevels,
  type NetworkQualityMedium,
  overallLevel,
  type SendOrRecvStats,
} from './levels.js';
import type { DirectionMeasurement, NetworkMeasurements } from './measurements.js';

/**
 * roomlab's scoring (Twilio does not publish its formula): each direction of each medium gets a level
 * for bandwidth, latency and loss, and its level is the lowest of the three. What is not measured
 * counts as fine: a path nothing is known to be wrong with is excellent (5), as Twilio says an unused
 * network is. See packages/emulator/docs/network-quality.md.
 */

/**
 * ITU-T G.107 (E-model) R factor bounds of levels 5, 4, 3, 2: its transmission quality categories
 * (G.107 Annex B) best and high (80 and up: users satisfied), medium, low, poor; below 50 is 1.
 */
const rFactorBounds = [80, 70, 60, 50] as const;
/**
 * Video loss bounds of levels 5, 4, 3, 2: under 2% a Google Congestion Control sender still raises its
 * rate, up to 10% it holds it, beyond it cuts it (draft-ietf-rmcat-gcc-02 §6); 20% splits what is left.
 */
const videoLossBounds = [0.02, 0.05, 0.1, 0.2] as const;
/** Bandwidth bounds of levels 5, 4, 3, 2: what the path has over what the medium (and audio before it) needs. */
const headroomBounds = [1.5, 1.2, 1, 0.8] as const;

/** The level of a value where more is better: 5 at or above the first bound, 1 below the last. */
function levelAtLeast(value: number, bounds: readonly number[]): number {
  const index = bounds.findIndex((bound) => value >= bound);
  return index === -1 ? 1 : excellentLevel - index;
}

/** The level of a value where less is better: 5 at or below the first bound, 1 above the last. */
function levelAtMost(value: number, bounds: readonly number[]): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index === -1 ? 1 : excellentLevel - index;
}

/**
 * The E-model's R factor in the simplified form used for VoIP monitoring: delay (one way, plus twice
 * the jitter a buffer absorbs, plus 10 ms of codec) and loss (2.5 per percent) take from 93.2.
 */
export function rFactor({ rtt, jitter, fractionLost }: Partial<DirectionMeasurement>): number {
  const delayMs = ((rtt ?? 0) / 2 + 2 * (jitter ?? 0)) * 1000 + 10;
  const delayImpairment = delayMs < 160 ? delayMs / 40 : (delayMs - 120) / 10;
  return 93.2 - delayImpairment - 2.5 * (fractionLost ?? 0) * 100;
}

/**
 * Delay on the E-model's scale for both media. Video's RTP jitter is left out: a sender's pacer spreads
 * each frame's packets, so it runs to tens of milliseconds on a clean path, and video buffers for it.
 */
function latencyLevel(medium: NetworkQualityMedium, measured: DirectionMeasurement): number {
  const jitter = medium === 'audio' ? measured.jitter : null;
  if (measured.rtt === null && jitter === null) return excellentLevel;
  return levelAtLeast(rFactor({ rtt: measured.rtt, jitter }), rFactorBounds);
}

function lossLevel(medium: NetworkQualityMedium, fractionLost: number | null): number {
  if (fractionLost === null) return excellentLevel;
  // Audio conceals loss and suffers it as the E-model says; video leans on congestion control.
  return medium === 'audio'
    ? levelAtLeast(rFactor({ fractionLost }), rFactorBounds)
    : levelAtMost(fractionLost, videoLossBounds);
}

function bandwidthLevel(available: number | null, demand: number): number {
  if (available === null || demand <= 0) return excellentLevel;
  return levelAtLeast(available / demand, headroomBounds);
}

/** One direction's stats; `demand` is what this medium and those sent before it use of the path. */
function scoreDirection(
  medium: NetworkQualityMedium,
  measured: DirectionMeasurement,
  demand: number,
): { level: number; stats: SendOrRecvStats } {
  const stats: SendOrRecvStats = {
    bandwidth: {
      actual: measured.bitrate,
      available: measured.available,
      level: bandwidthLevel(measured.available, demand),
    },
    latency: { jitter: measured.jitter, rtt: measured.rtt, level: latencyLevel(medium, measured) },
    fractionLost: { fractionLost: measured.fractionLost, level: lossLevel(medium, measured.fractionLost) },
  };
  const level = Math.min(stats.bandwidth.level, stats.latency.level, stats.fractionLost.level);
  return { level, stats };
}

/** Each direction's bitrates: audio goes first on a path (the browser does not hold it back), video after it. */
function demands(measurements: NetworkMeasurements, direction: 'send' | 'recv') {
  const audio = measurements.audio[direction].bitrate ?? 0;
  return { audio, video: audio + (measurements.video[direction].bitrate ?? 0) };
}

/** A participant's levels (0–5, overall and per medium and direction) from what is measured of its path. */
export function scoreNetworkQuality(measurements: NetworkMeasurements): NetworkQualityLevels {
  const send = demands(measurements, 'send');
  const recv = demands(measurements, 'recv');
  const medium = (key: NetworkQualityMedium): MediaLevels => {
    const sent = scoreDirection(key, measurements[key].send, send[key]);
    const received = scoreDirection(key, measurements[key].recv, recv[key]);
    return { send: sent.level, recv: received.level, sendStats: sent.stats, recvStats: received.stats };
  };
  const levels = { audio: medium('audio'), video: medium('video') };
  return { level: overallLevel(levels), ...levels };
}
