import type { NetworkQualityDirection } from './levels.js';
import { type DirectionMeasurement, type NetworkMeasurements, unmeasured } from './measurements.js';

/** How much the client wants to hear back (the SDK's `networkQuality: { local, remote }`). */
export type ReportLevel = 1 | 2 | 3;
export type RemoteReportLevel = 0 | ReportLevel;

/** A client's `network_quality` report, read. */
export interface NetworkQualityReport {
  measurements: NetworkMeasurements;
  reportLevel: ReportLevel;
  remoteReportLevel: RemoteReportLevel;
}

export type ReadReport = { report: NetworkQualityReport } | { problem: string };

class BrokenReport extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field of an object, which must be an object if present. */
function objectAt(parent: Record<string, unknown>, key: string, path: string): Record<string, unknown> {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new BrokenReport(`${path}${key} is not an object`);
  return value;
}

/** A measurement: absent, or null (the SDK's JSON of NaN), is unknown; else a finite number ≥ 0. */
function numberAt(parent: Record<string, unknown>, key: string, path: string): number | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new BrokenReport(`${path}${key} is not a number of 0 or more`);
  return value;
}

function readDirection(
  parent: Record<string, unknown>,
  direction: NetworkQualityDirection,
  path: string,
  ice: { availableSend: number | null; rtt: number | null },
): DirectionMeasurement {
  const stats = objectAt(parent, direction, path);
  const at = `${path}${direction}.`;
  const fractionLost = numberAt(stats, 'fractionLost', at);
  return {
    ...unmeasured,
    bitrate: numberAt(stats, 'bitrate', at),
    // The browser's own estimate covers what it sends; nothing tells it what it could receive.
    available: direction === 'send' ? ice.availableSend : null,
    rtt: numberAt(stats, 'rtt', at) ?? ice.rtt,
    jitter: numberAt(stats, 'jitter', at),
    // The SDK's stand-in (lost / received) can pass 1 when most packets are lost.
    fractionLost: fractionLost === null ? null : Math.min(fractionLost, 1),
  };
}

/**
 * A verbosity; absent or null is the lowest allowed. (The SDK sends `remoteReportLevel: null` when an
 * app passes `networkQuality: { remote: null }`: its own range check lets null through as 0.)
 */
function levelAt<Level extends number>(
  message: Record<string, unknown>,
  key: string,
  allowed: readonly [Level, ...Level[]],
): Level {
  const value = message[key];
  if (value === undefined || value === null) return allowed[0];
  if (!allowed.includes(value as Level)) throw new BrokenReport(`${key} is not one of ${allowed.join(', ')}`);
  return value as Level;
}

/**
 * Reads a client's `network_quality` message (see the SDK's `NetworkQualityInputs`: `ice`, `audio` and
 * `video` with `send`/`recv`, `reportLevel`, `remoteReportLevel`). A broken one is refused, naming
 * the field, so the caller can log it and carry on.
 */
export function readNetworkQualityReport(message: unknown): ReadReport {
  try {
    if (!isRecord(message)) throw new BrokenReport('the report is not an object');
    const iceStats = objectAt(message, 'ice', '');
    const ice = {
      availableSend: numberAt(iceStats, 'availableSend', 'ice.'),
      rtt: numberAt(iceStats, 'rtt', 'ice.'),
    };
    const medium = (key: 'audio' | 'video') => {
      const stats = objectAt(message, key, '');
      return {
        send: readDirection(stats, 'send', `${key}.`, ice),
        recv: readDirection(stats, 'recv', `${key}.`, ice),
      };
    };
    return {
      report: {
        measurements: { audio: medium('audio'), video: medium('video') },
        reportLevel: levelAt(message, 'reportLevel', [1, 2, 3] as const),
        remoteReportLevel: levelAt(message, 'remoteReportLevel', [0, 1, 2, 3] as const),
      },
    };
  } catch (error) {
    if (error instanceof BrokenReport) return { problem: error.message };
    throw error;
  }
}
