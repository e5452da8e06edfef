import type { Logger, NetworkMeasurements, NetworkQualityMedium } from '@roomlab/core';
import { unmeasured } from '@roomlab/core';
import type { RTCPeerConnection } from 'werift';
import type { Lifetime } from './lifetime.js';

/** How often the media server reads its own counters of a client's path (the SDK reports about as often). */
export const meterIntervalMs = 1000;

/** The counters of the werift stats the meter reads (the rest of each entry is left alone). */
interface RtpCounters {
  type: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  bytesReceived?: number;
  bytesSent?: number;
  jitter?: number;
  fractionLost?: number;
  roundTripTime?: number;
}

/** One medium's totals at one moment: what the server received from the client, and sent it. */
interface Totals {
  at: number;
  received: number;
  lost: number;
  bytesReceived: number;
  bytesSent: number;
  /** Highest of the streams': seconds, and the client's own loss fraction from its receiver reports. */
  jitter: number | null;
  recvFractionLost: number | null;
  rtt: number | null;
}

const higher = (a: number | null, b: number | undefined) =>
  b === undefined || !Number.isFinite(b) ? a : a === null ? b : Math.max(a, b);

function totalsOf(stats: Iterable<RtpCounters>, medium: NetworkQualityMedium, at: number): Totals {
  const totals: Totals = {
    at,
    received: 0,
    lost: 0,
    bytesReceived: 0,
    bytesSent: 0,
    jitter: null,
    recvFractionLost: null,
    rtt: null,
  };
  for (const entry of stats) {
    if (entry.kind !== medium) continue;
    if (entry.type === 'inbound-rtp') {
      totals.received += entry.packetsReceived ?? 0;
      totals.lost += entry.packetsLost ?? 0;
      totals.bytesReceived += entry.bytesReceived ?? 0;
      totals.jitter = higher(totals.jitter, entry.jitter);
    } else if (entry.type === 'outbound-rtp') {
      totals.bytesSent += entry.bytesSent ?? 0;
    } else if (entry.type === 'remote-inbound-rtp') {
      totals.recvFractionLost = higher(totals.recvFractionLost, entry.fractionLost);
      totals.rtt = higher(totals.rtt, entry.roundTripTime);
    }
  }
  return totals;
}

/** A medium's measurements between two readings: the client's send direction is what the server received. */
function between(before: Totals | undefined, now: Totals): NetworkMeasurements['audio'] {
  if (!before) return { send: unmeasured, recv: unmeasured };
  const seconds = (now.at - before.at) / 1000;
  const rate = (bytes: number) => (seconds > 0 ? (Math.max(bytes, 0) * 8) / seconds : null);
  const received = now.received - before.received;
  const lost = Math.max(now.lost - before.lost, 0);
  return {
    send: {
      ...unmeasured,
      bitrate: rate(now.bytesReceived - before.bytesReceived),
      rtt: now.rtt,
      jitter: now.jitter,
      fractionLost: received + lost > 0 ? lost / (received + lost) : null,
    },
    recv: {
      ...unmeasured,
      bitrate: rate(now.bytesSent - before.bytesSent),
      rtt: now.rtt,
      fractionLost: now.recvFractionLost,
    },
  };
}

export interface NetworkMeterOptions {
  pc: RTCPeerConnection;
  lifetime: Lifetime;
  logger: Logger;
  onMeasured(measured: NetworkMeasurements): void;
}

/**
 * Reads the media server's own counters of one client's peer connection about once a second: loss and
 * jitter of what the client sends, the loss its receiver reports give of what it receives, the round
 * trip, and both bitrates. Browsers' SDK reports lack these per medium, and impairment in the SFU shows here.
 */
export function startNetworkMeter({ pc, lifetime, logger, onMeasured }: NetworkMeterOptions): void {
  let last: Partial<Record<NetworkQualityMedium, Totals>> = {};
  const read = async () => {
    const report = await pc.getStats();
    const at = Date.now();
    const stats = [...report.values()] as RtpCounters[];
    const now = { audio: totalsOf(stats, 'audio', at), video: totalsOf(stats, 'video', at) };
    const measured = { audio: between(last.audio, now.audio), video: between(last.video, now.video) };
    last = now;
    return measured;
  };
  // Stops at the first failure (logged): the client's own reports still give its levels.
  const tick = async () => {
    try {
      const measured = await read();
      if (lifetime.ended) return;
      onMeasured(measured);
      lifetime.after(meterIntervalMs, () => void tick());
    } catch (error) {
      logger.warn('measuring a client’s path failed: its levels come from its own reports alone', error);
    }
  };
  lifetime.after(meterIntervalMs, () => void tick());
}
