import type { Interval } from './source-interval.js';

/** How the room's time maps onto the composed file's time. */
export interface CompositionTimeline {
  /** The parts of the room's time (ms) the file keeps, in order. */
  spans: readonly Interval[];
  durationMs: number;
  /** Where a moment of the room (inside a kept span) falls in the file. */
  toCompositionMs(roomMs: number): number;
}

/**
 * Twilio's `Trim` (default true) cuts the intervals in which none of the composition's media is
 * active, the wait before the first participant included; without it the file spans the whole room.
 */
export function compositionTimeline(
  media: readonly Interval[],
  roomDurationMs: number,
  trim: boolean,
): CompositionTimeline {
  const spans = trim ? mergeIntervals(media, roomDurationMs) : [{ startMs: 0, endMs: roomDurationMs }];
  const durationMs = spans.reduce((total, span) => total + span.endMs - span.startMs, 0);
  return {
    spans,
    durationMs,
    toCompositionMs(roomMs) {
      let before = 0;
      for (const span of spans) {
        if (roomMs < span.endMs) return before + Math.max(0, roomMs - span.startMs);
        before += span.endMs - span.startMs;
      }
      return before;
    },
  };
}

/** The union of the intervals, clipped to the room, as disjoint intervals in order. */
function mergeIntervals(intervals: readonly Interval[], roomDurationMs: number): Interval[] {
  const clipped = intervals
    .map((interval) => ({
      startMs: Math.max(0, interval.startMs),
      endMs: Math.min(roomDurationMs, interval.endMs),
    }))
    .filter((interval) => interval.endMs > interval.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const interval of clipped) {
    const last = merged.at(-1);
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}
