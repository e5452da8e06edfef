import type { CompositionSource } from './render-request.js';
import type { Reuse } from './video-layout.js';

/**
 * Gives each source of a region, in the order they start, a cell it keeps: the lowest-numbered free
 * cell; with none free, `reuse: none` leaves the source out, and `show_oldest` / `show_newest` share
 * the cell that frees first (its sources end earliest). Sources missing from the answer are never shown.
 */
export function assignCells(
  sources: readonly CompositionSource[],
  usableCells: readonly number[],
  reuse: Reuse,
): Map<CompositionSource, number> {
  const assigned = new Map<CompositionSource, number>();
  const endOf = (source: CompositionSource) => source.startMs + source.durationMs;
  const byStart = [...sources].sort((a, b) => a.startMs - b.startMs);
  for (const source of byStart) {
    // When a cell frees: the last end of its sources still recording (-Infinity: it is free now).
    const busyUntil = (cell: number) =>
      Math.max(
        Number.NEGATIVE_INFINITY,
        ...[...assigned]
          .filter(([other, at]) => at === cell && endOf(other) > source.startMs)
          .map(([other]) => endOf(other)),
      );
    const free = usableCells.find((cell) => busyUntil(cell) === Number.NEGATIVE_INFINITY);
    if (free !== undefined) assigned.set(source, free);
    else if (reuse !== 'none' && usableCells.length > 0) assigned.set(source, minBy(usableCells, busyUntil));
  }
  return assigned;
}

/** Of a cell's sources recording now, the one it shows: the oldest, or with `show_newest` the newest. */
export function shownInCell(
  recording: readonly CompositionSource[],
  reuse: Reuse,
): CompositionSource | undefined {
  if (recording.length === 0) return undefined;
  const newest = (a: CompositionSource, b: CompositionSource) => (b.startMs > a.startMs ? b : a);
  const oldest = (a: CompositionSource, b: CompositionSource) => (b.startMs < a.startMs ? b : a);
  return recording.reduce(reuse === 'show_newest' ? newest : oldest);
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T {
  return items.reduce((best, item) => (key(item) < key(best) ? item : best));
}
