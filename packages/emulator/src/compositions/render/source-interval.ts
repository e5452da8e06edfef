import type { CompositionSource } from './render-request.js';

/** A stretch of time in ms, start included, end excluded. */
export interface Interval {
  startMs: number;
  endMs: number;
}

export function sourceInterval(source: CompositionSource): Interval {
  return { startMs: source.startMs, endMs: source.startMs + source.durationMs };
}

/** Whether the source records at every moment of the interval. */
export function coversInterval(source: CompositionSource, interval: Interval): boolean {
  return source.startMs <= interval.startMs && source.startMs + source.durationMs >= interval.endMs;
}

/** The most of these sources that record at the same moment. */
export function mostAtOnce(sources: readonly CompositionSource[]): number {
  // Ends sort before starts at the same moment: a source that ends as another starts does not overlap it.
  const events = sources
    .flatMap((source) => [
      { at: source.startMs, change: 1 },
      { at: source.startMs + source.durationMs, change: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let most = 0;
  for (const event of events) {
    current += event.change;
    most = Math.max(most, current);
  }
  return most;
}
