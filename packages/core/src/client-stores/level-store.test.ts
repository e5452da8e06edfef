import { afterEach, describe, expect, it, vi } from 'vitest';
import { audioLevelStore, levelOfSamples } from './level-store.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('levelOfSamples', () => {
  it('maps silence to 0, full scale to 1, and -30 dBFS to the middle', () => {
    expect(levelOfSamples(new Float32Array(128))).toBe(0);
    expect(levelOfSamples(new Float32Array(128).fill(1))).toBe(1);
    expect(levelOfSamples(new Float32Array(128).fill(10 ** (-30 / 20)))).toBeCloseTo(0.5, 5);
    expect(levelOfSamples(new Float32Array(128).fill(1e-5))).toBe(0);
  });
});

describe('audioLevelStore', () => {
  it('tells readers only when the level moves by a twentieth, and goes quiet when the last one leaves', () => {
    vi.useFakeTimers();
    const readings = [0.31, 0.29, 0.5];
    let closed = 0;
    const store = audioLevelStore({}, 100, () => ({
      read: () => readings.shift() ?? 0.5,
      close: () => void closed++,
    }));
    let told = 0;
    const stop = store.subscribe(() => told++);
    vi.advanceTimersByTime(200);
    expect([store.getSnapshot(), told]).toEqual([0.3, 1]);
    vi.advanceTimersByTime(100);
    expect([store.getSnapshot(), told]).toEqual([0.5, 2]);
    stop();
    expect([store.getSnapshot(), closed]).toEqual([0, 1]);
  });
});
