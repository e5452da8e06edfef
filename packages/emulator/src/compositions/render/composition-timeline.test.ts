import { describe, expect, it } from 'vitest';
import { compositionTimeline } from './composition-timeline.js';

describe('Trim', () => {
  // Media from 1 s to 2 s and from 3 s to 4.5 s (overlapping pieces) in a 6 s room.
  const media = [
    { startMs: 1000, endMs: 2000 },
    { startMs: 3000, endMs: 4000 },
    { startMs: 3500, endMs: 4500 },
  ];

  it('cuts the wait before the first media, the gaps between, and the tail after the last', () => {
    const timeline = compositionTimeline(media, 6000, true);
    expect(timeline.spans).toEqual([
      { startMs: 1000, endMs: 2000 },
      { startMs: 3000, endMs: 4500 },
    ]);
    expect(timeline.durationMs).toBe(2500);
    expect([1000, 1500, 3000, 4000].map(timeline.toCompositionMs)).toEqual([0, 500, 1000, 2000]);
  });

  it('keeps the whole room when off', () => {
    const timeline = compositionTimeline(media, 6000, false);
    expect(timeline.spans).toEqual([{ startMs: 0, endMs: 6000 }]);
    expect(timeline.durationMs).toBe(6000);
    expect([0, 1000, 3000, 5999].map(timeline.toCompositionMs)).toEqual([0, 1000, 3000, 5999]);
  });

  it('clips media to the room', () => {
    const timeline = compositionTimeline([{ startMs: 500, endMs: 9000 }], 6000, true);
    expect(timeline.spans).toEqual([{ startMs: 500, endMs: 6000 }]);
  });
});
