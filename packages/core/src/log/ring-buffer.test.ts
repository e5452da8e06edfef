import { describe, expect, it } from 'vitest';
import { ringBuffer } from './ring-buffer.js';

describe('ringBuffer', () => {
  it('keeps the newest items, oldest first, once past capacity', () => {
    const buffer = ringBuffer<number>(3);
    for (let n = 1; n <= 7; n += 1) buffer.push(n);
    expect(buffer.items()).toEqual([5, 6, 7]);
    expect(buffer.size).toBe(3);
  });

  it('keeps order when filtered after wrapping, and takes new items after', () => {
    const buffer = ringBuffer<number>(4);
    for (let n = 1; n <= 6; n += 1) buffer.push(n);
    buffer.retain((n) => n % 2 === 0);
    expect(buffer.items()).toEqual([4, 6]);
    buffer.push(8);
    buffer.push(10);
    buffer.push(12);
    expect(buffer.items()).toEqual([6, 8, 10, 12]);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => ringBuffer(0)).toThrow(RangeError);
    expect(() => ringBuffer(1.5)).toThrow(RangeError);
  });
});
