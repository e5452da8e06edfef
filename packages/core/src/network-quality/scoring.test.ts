import { describe, expect, it } from 'vitest';
import {
  type DirectionMeasurement,
  type NetworkMeasurements,
  nothingMeasured,
  unmeasured,
} from './measurements.js';
import { rFactor, scoreNetworkQuality } from './scoring.js';

/** Every direction of both media measured alike, with `change` applied over a clean local path. */
function everywhere(change: Partial<DirectionMeasurement> = {}): NetworkMeasurements {
  const clean: DirectionMeasurement = {
    bitrate: 40_000,
    available: 1_000_000,
    rtt: 0.002,
    jitter: 0.001,
    fractionLost: 0,
  };
  const direction = { ...clean, ...change };
  return { audio: { send: direction, recv: direction }, video: { send: direction, recv: direction } };
}

describe('network quality scoring', () => {
  it('gives a clean local path 5 everywhere, with the measurements beside each level', () => {
    const levels = scoreNetworkQuality(everywhere());
    expect([
      levels.level,
      levels.audio.send,
      levels.audio.recv,
      levels.video.send,
      levels.video.recv,
    ]).toEqual([5, 5, 5, 5, 5]);
    expect(levels.audio.sendStats).toEqual({
      bandwidth: { actual: 40_000, available: 1_000_000, level: 5 },
      latency: { jitter: 0.001, rtt: 0.002, level: 5 },
      fractionLost: { fractionLost: 0, level: 5 },
    });
  });

  it('gives 5 with stats of unknown values when nothing is measured (no report yet, or no media)', () => {
    const levels = scoreNetworkQuality(nothingMeasured);
    expect(levels.level).toBe(5);
    expect(levels.video.recvStats).toEqual({
      bandwidth: { actual: null, available: null, level: 5 },
      latency: { jitter: null, rtt: null, level: 5 },
      fractionLost: { fractionLost: null, level: 5 },
    });
  });

  it('drops to 3 or less with 30% loss, in audio and in video', () => {
    const levels = scoreNetworkQuality(everywhere({ fractionLost: 0.3 }));
    expect(levels.level).toBeLessThanOrEqual(3);
    expect(levels.audio.recvStats.fractionLost.level).toBeLessThanOrEqual(3);
    expect(levels.video.recvStats.fractionLost.level).toBeLessThanOrEqual(3);
  });

  it('falls step by step as video loss grows past what congestion control tolerates', () => {
    const videoLoss = (fractionLost: number) => scoreNetworkQuality(everywhere({ fractionLost })).video.send;
    expect([0.01, 0.03, 0.08, 0.15, 0.3].map(videoLoss)).toEqual([5, 4, 3, 2, 1]);
  });

  it('scores audio delay and loss on the E-model: its R factor falls with delay, jitter and loss', () => {
    expect(rFactor({})).toBeCloseTo(92.95, 2);
    expect(rFactor({ rtt: 0.4 })).toBeLessThan(rFactor({ rtt: 0.1 }));
    expect(rFactor({ rtt: 0.1, jitter: 0.05 })).toBeLessThan(rFactor({ rtt: 0.1 }));
    const audio = (change: Partial<DirectionMeasurement>) =>
      scoreNetworkQuality(everywhere(change)).audio.send;
    // One way delay (half the round trip) plus 10 ms: 10, 310, 410, 510 and 610 ms.
    expect([0, 0.6, 0.8, 1, 1.2].map((rtt) => audio({ rtt, jitter: 0 }))).toEqual([5, 4, 3, 2, 1]);
    // Twice the jitter counts as delay (a jitter buffer holds it).
    expect(audio({ rtt: 0.2, jitter: 0.1 })).toBe(4);
    expect(audio({ fractionLost: 0.04 })).toBe(5);
    expect(audio({ fractionLost: 0.06 })).toBe(4);
  });

  it('scores video delay by the round trip alone: its jitter is the pacer’s as much as the network’s', () => {
    const video = (change: Partial<DirectionMeasurement>) =>
      scoreNetworkQuality(everywhere(change)).video.send;
    expect(video({ jitter: 0.15 })).toBe(5);
    expect(video({ rtt: 0.8 })).toBe(3);
  });

  it('rates the bandwidth a sender has over what it sends: audio first, video after it', () => {
    const send = (available: number, audioBitrate: number, videoBitrate: number) => {
      const measurements: NetworkMeasurements = {
        audio: { send: { ...unmeasured, bitrate: audioBitrate, available }, recv: unmeasured },
        video: { send: { ...unmeasured, bitrate: videoBitrate, available }, recv: unmeasured },
      };
      const levels = scoreNetworkQuality(measurements);
      return [levels.audio.sendStats.bandwidth.level, levels.video.sendStats.bandwidth.level];
    };
    expect(send(1_000_000, 40_000, 300_000)).toEqual([5, 5]);
    // 400 kbps for 40 + 360: video has just what it uses; audio still plenty.
    expect(send(400_000, 40_000, 360_000)).toEqual([5, 3]);
    expect(send(300_000, 40_000, 460_000)).toEqual([5, 1]);
    // Nothing sent: any path can carry it.
    expect(send(10_000, 0, 0)).toEqual([5, 5]);
  });

  it('makes the overall level the lowest of the four directions', () => {
    const measurements: NetworkMeasurements = {
      ...nothingMeasured,
      video: { send: unmeasured, recv: { ...unmeasured, fractionLost: 0.15 } },
    };
    const levels = scoreNetworkQuality(measurements);
    expect([levels.audio.send, levels.audio.recv, levels.video.send, levels.video.recv]).toEqual([
      5, 5, 5, 2,
    ]);
    expect(levels.level).toBe(2);
  });
});
