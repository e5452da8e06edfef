import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { impairedLink } from './impaired-link.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A link and the times (ms after the start) its datagrams arrived, by their number. */
function watched(options: Parameters<typeof impairedLink>[0] = {}) {
  const link = impairedLink(options);
  const start = Date.now();
  const arrived = new Map<number, number>();
  let sent = 0;
  const send = (bytes = 100) => {
    const id = sent++;
    link.carry(bytes, () => arrived.set(id, Date.now() - start));
    return id;
  };
  return { link, arrived, send };
}

describe('an impaired link', () => {
  it('passes every datagram at once without conditions', () => {
    const { arrived, send } = watched();
    for (let i = 0; i < 100; i++) send();
    expect(arrived.size).toBe(100);
    expect(new Set(arrived.values())).toEqual(new Set([0]));
  });

  it('loses about packetLossPercent of many datagrams', () => {
    const { link, arrived, send } = watched();
    link.set({ packetLossPercent: 30 });
    for (let i = 0; i < 20_000; i++) send();
    expect(arrived.size / 20_000).toBeGreaterThan(0.68);
    expect(arrived.size / 20_000).toBeLessThan(0.72);
  });

  it('delays each datagram by latencyMs, spread by up to jitterMs either way', () => {
    const { link, arrived, send } = watched();
    link.set({ latencyMs: 100 });
    send();
    vi.advanceTimersByTime(99);
    expect(arrived.size).toBe(0);
    vi.advanceTimersByTime(1);
    expect(arrived.get(0)).toBe(100);

    link.set({ latencyMs: 100, jitterMs: 30 });
    for (let i = 0; i < 1000; i++) send();
    vi.advanceTimersByTime(200);
    const delays = [...arrived.values()].slice(1).map((at) => at - 100);
    expect(delays).toHaveLength(1000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(70);
    expect(Math.max(...delays)).toBeLessThanOrEqual(130);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(50);
  });

  it('sends at bandwidthKbps and drops what its queue cannot hold', () => {
    // 80 kbps is 10 bytes a millisecond: a 1000-byte datagram takes 100 ms on the link.
    const { link, arrived, send } = watched({ maxQueueMs: 250 });
    link.set({ bandwidthKbps: 80 });
    for (let i = 0; i < 10; i++) send(1000);
    vi.advanceTimersByTime(2000);
    expect([...arrived]).toEqual([
      [0, 100],
      [1, 200],
      [2, 300],
    ]);
    // Once the queue has drained, the link carries again.
    send(1000);
    vi.advanceTimersByTime(100);
    expect(arrived.get(10)).toBe(2100);
  });

  it('holds a steady rate near bandwidthKbps when offered twice as much', () => {
    const { link, arrived, send } = watched();
    link.set({ bandwidthKbps: 400 });
    // 800 kbps offered for 10 s: a 1000-byte datagram every 10 ms.
    for (let ms = 0; ms < 10_000; ms += 10) {
      send(1000);
      vi.advanceTimersByTime(10);
    }
    const kbps = (arrived.size * 1000 * 8) / 10_000;
    expect(kbps).toBeGreaterThan(380);
    expect(kbps).toBeLessThanOrEqual(410);
  });

  it('passes at once again when cleared, and drops what is on its way when closed', () => {
    const { link, arrived, send } = watched();
    link.set({ latencyMs: 500 });
    send();
    link.set(null);
    send();
    expect([...arrived.keys()]).toEqual([1]);
    expect(link.inFlight).toBe(1);
    link.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect([...arrived.keys()]).toEqual([1]);
  });
});
