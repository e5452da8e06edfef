import { memoryLogger, type NetworkMeasurements } from '@roomlab/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { createLifetime } from './lifetime.js';
import { meterIntervalMs, startNetworkMeter } from './network-meter.js';

/** werift stats of one audio stream each way, after `seconds` of 50 packets a second (`lost` of them lost). */
function statsAt(seconds: number, lost: number) {
  return new Map<string, Record<string, unknown>>([
    [
      'in',
      {
        type: 'inbound-rtp',
        kind: 'audio',
        packetsReceived: 50 * seconds - lost,
        packetsLost: lost,
        bytesReceived: 4000 * seconds,
        jitter: 0.004,
      },
    ],
    ['out', { type: 'outbound-rtp', kind: 'audio', bytesSent: 5000 * seconds }],
    ['rr', { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.25, roundTripTime: 0.03 }],
  ]);
}

describe('the media server’s network meter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('measures, each second, loss and jitter of what the client sends, the loss its receiver reports, the round trip and both bitrates', async () => {
    const readings = [statsAt(1, 0), statsAt(2, 15)];
    const pc = { getStats: async () => readings.shift() ?? statsAt(3, 15) } as unknown as RTCPeerConnection;
    const lifetime = createLifetime();
    const seen: NetworkMeasurements[] = [];
    startNetworkMeter({
      pc,
      lifetime,
      logger: memoryLogger(),
      onMeasured: (measured) => seen.push(measured),
    });
    await vi.advanceTimersByTimeAsync(meterIntervalMs);
    await vi.advanceTimersByTimeAsync(meterIntervalMs);
    // The first reading has nothing before it to count from.
    expect(seen[0]?.audio.send.fractionLost).toBeNull();
    expect(seen[1]?.audio).toEqual({
      send: { bitrate: 32_000, available: null, rtt: 0.03, jitter: 0.004, fractionLost: 0.3 },
      recv: { bitrate: 40_000, available: null, rtt: 0.03, jitter: null, fractionLost: 0.25 },
    });
    expect(seen[1]?.video.send).toMatchObject({ bitrate: 0, fractionLost: null });
    lifetime.end();
    await vi.advanceTimersByTimeAsync(5 * meterIntervalMs);
    expect(seen).toHaveLength(2);
  });

  it('logs a failed reading and stops measuring', async () => {
    const pc = { getStats: () => Promise.reject(new Error('closed')) } as unknown as RTCPeerConnection;
    const logger = memoryLogger();
    const onMeasured = vi.fn();
    startNetworkMeter({ pc, lifetime: createLifetime(), logger, onMeasured });
    await vi.advanceTimersByTimeAsync(3 * meterIntervalMs);
    expect(onMeasured).not.toHaveBeenCalled();
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', cause: new Error('closed') })]);
  });
});
