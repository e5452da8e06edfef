import type { NetworkQualityDirection, NetworkQualityMedium } from './levels.js';

/**
 * What is known of one direction (send or receive) of one medium, from the client's report and from
 * the media server's own counters. null: not measured. Bits per second, seconds, fraction 0–1.
 */
export interface DirectionMeasurement {
  bitrate: number | null;
  /** Bandwidth the path has for this direction (the sender's estimate). */
  available: number | null;
  rtt: number | null;
  jitter: number | null;
  fractionLost: number | null;
}

export type NetworkMeasurements = Record<
  NetworkQualityMedium,
  Record<NetworkQualityDirection, DirectionMeasurement>
>;

export const unmeasured: DirectionMeasurement = {
  bitrate: null,
  available: null,
  rtt: null,
  jitter: null,
  fractionLost: null,
};

export const nothingMeasured: NetworkMeasurements = {
  audio: { send: unmeasured, recv: unmeasured },
  video: { send: unmeasured, recv: unmeasured },
};

/** The worse (larger) of two values, either of which may be unknown. */
const worse = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
/** The first known value. */
const known = (a: number | null, b: number | null) => a ?? b;

function combineDirection(a: DirectionMeasurement, b: DirectionMeasurement): DirectionMeasurement {
  return {
    // A zero from one side (the SDK's per-track counters, which newer browsers leave empty) is no measurement.
    bitrate: known(a.bitrate || null, b.bitrate || null) ?? known(a.bitrate, b.bitrate),
    available: known(a.available, b.available),
    rtt: worse(a.rtt, b.rtt),
    jitter: worse(a.jitter, b.jitter),
    fractionLost: worse(a.fractionLost, b.fractionLost),
  };
}

/**
 * The client's measurements and the media server's of the same path, as one: the worse of two delays
 * or losses (each side sees part of the path), the first known bitrate and bandwidth.
 */
export function combineMeasurements(a: NetworkMeasurements, b: NetworkMeasurements): NetworkMeasurements {
  return {
    audio: {
      send: combineDirection(a.audio.send, b.audio.send),
      recv: combineDirection(a.audio.recv, b.audio.recv),
    },
    video: {
      send: combineDirection(a.video.send, b.video.send),
      recv: combineDirection(a.video.recv, b.video.recv),
    },
  };
}
