import { assignCells, shownInCell } from './cell-assignment.js';
import { cellRect, type GridShape, type Rect, regionGrid } from './grid.js';
import type { CompositionSource } from './render-request.js';
import { coversInterval, type Interval, mostAtOnce } from './source-interval.js';
import { selectSources } from './track-pattern.js';
import type { VideoLayout, VideoRegion } from './video-layout.js';

/** One source drawn in one cell of one region. */
export interface Tile {
  region: string;
  zPos: number;
  /** The region's place in the stack, 0 at the bottom: by `z_pos`, then JSON order. */
  layer: number;
  cell: number;
  /** The cell's rectangle; the source is scaled to fit inside it, keeping its aspect ratio, centred. */
  rect: Rect;
  source: CompositionSource;
}

/** A stretch of the room's time (ms) in which the same tiles show, listed bottom to top. */
export interface LayoutSegment extends Interval {
  tiles: readonly Tile[];
}

interface RegionPlan {
  region: VideoRegion;
  shape: GridShape;
  cells: ReadonlyMap<number, readonly CompositionSource[]>;
}

/**
 * Cuts the room's timeline at every start and end of a video source and tells, for each piece, which
 * source shows in which rectangle: each region tiles the sources its `video_sources` name (less
 * `video_sources_excluded`) in a grid, and regions stack by `z_pos` (equal `z_pos`: JSON order).
 */
export function layoutTimeline(sources: readonly CompositionSource[], layout: VideoLayout): LayoutSegment[] {
  const video = sources.filter((source) => source.kind === 'video');
  const plans = layout.regions
    .map((region) => planRegion(region, video))
    .sort((a, b) => a.region.zPos - b.region.zPos);
  const cuts = [...new Set(video.flatMap((source) => [source.startMs, source.startMs + source.durationMs]))];
  cuts.sort((a, b) => a - b);
  return cuts.slice(1).map((endMs, index) => {
    const interval = { startMs: cuts[index] as number, endMs };
    return { ...interval, tiles: plans.flatMap((plan, layer) => tilesDuring(plan, layer, interval)) };
  });
}

function planRegion(region: VideoRegion, video: readonly CompositionSource[]): RegionPlan {
  const named = selectSources(video, region.videoSources, region.videoSourcesExcluded);
  const grid = regionGrid(region, mostAtOnce(named));
  const cells = new Map<number, CompositionSource[]>();
  for (const [source, cell] of assignCells(named, grid.usableCells, region.reuse))
    cells.set(cell, [...(cells.get(cell) ?? []), source]);
  return { region, shape: grid.shape, cells };
}

function tilesDuring(plan: RegionPlan, layer: number, interval: Interval): Tile[] {
  const { region, shape } = plan;
  return [...plan.cells]
    .sort(([a], [b]) => a - b)
    .flatMap(([cell, sources]) => {
      const source = shownInCell(
        sources.filter((candidate) => coversInterval(candidate, interval)),
        region.reuse,
      );
      if (source === undefined) return [];
      const rect = cellRect(region, shape, cell);
      return [{ region: region.name, zPos: region.zPos, layer, cell, rect, source }];
    });
}
