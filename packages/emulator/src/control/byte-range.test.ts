import { describe, expect, it } from 'vitest';
import { byteRangeOf, sliceOf } from './byte-range.js';

describe('byteRangeOf', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
  ])('reads %s of a 1,000-byte file', (header, range) => {
    expect(byteRangeOf(header, 1000)).toEqual(range);
  });

  it.each(['bytes=1000-', 'bytes=-0'])('finds %s unsatisfiable', (header) => {
    expect(byteRangeOf(header, 1000)).toBe('unsatisfiable');
  });

  it.each([undefined, '', 'bytes=0-1,5-9', 'items=0-9', 'bytes=-', 'bytes=9-3', 'bytes=a-b'])(
    'answers the whole file for %j',
    (header) => {
      expect(byteRangeOf(header, 1000)).toBeUndefined();
    },
  );
});

describe('sliceOf', () => {
  const chunks = (...parts: number[][]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new Uint8Array(part));
        controller.close();
      },
    });

  it('gives the bytes of the range across chunk boundaries, and stops reading after it', async () => {
    let cancelled = false;
    const source = chunks([0, 1, 2], [3, 4, 5], [6, 7, 8]);
    const reader = source.getReader();
    const watched = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const part = new Uint8Array(await new Response(sliceOf(watched, { start: 2, end: 4 })).arrayBuffer());
    expect([...part]).toEqual([2, 3, 4]);
    expect(cancelled).toBe(true);
  });

  it('gives a range that reaches the end of the file', async () => {
    const part = new Uint8Array(
      await new Response(sliceOf(chunks([0, 1], [2, 3]), { start: 1, end: 3 })).arrayBuffer(),
    );
    expect([...part]).toEqual([1, 2, 3]);
  });
});
