import { TwilioError } from '@roomlab/core';
import { selectAudioSources } from './audio-selection.js';
import type { CompositionFormat } from './composition-format.js';
import { compositionTimeline } from './composition-timeline.js';
import type { Rect } from './grid.js';
import { type LayoutSegment, layoutTimeline, type Tile } from './layout-timeline.js';
import type { CompositionSource, RenderCompositionRequest } from './render-request.js';
import type { Resolution } from './resolution.js';
import { type Interval, sourceInterval } from './source-interval.js';

/** A source's place in the file: which ffmpeg input it is and when (file ms) it starts. */
export interface PlannedInput {
  source: CompositionSource;
  offsetMs: number;
}

/** One source in one cell, and the stretches of the file (ms) in which it shows there. */
export interface Placement {
  input: number;
  rect: Rect;
  visible: readonly Interval[];
}

/** What ffmpeg is asked to make, in the file's time. Placements are listed bottom to top. */
export interface RenderPlan {
  inputs: readonly PlannedInput[];
  video: { resolution: Resolution; placements: readonly Placement[] } | undefined;
  /** Indices into `inputs` of the audio to mix. */
  audio: readonly number[];
  durationMs: number;
  format: CompositionFormat;
}

/**
 * Works out, from the recordings and the composition's parameters, what goes where and when in the
 * file. A composition left with no track at all fails as on Twilio (53630).
 */
export function planRender(request: RenderCompositionRequest): RenderPlan {
  const audio = selectAudioSources(request.sources, request.audioSources, request.audioSourcesExcluded);
  const segments = request.videoLayout ? layoutTimeline(request.sources, request.videoLayout) : [];
  const video = [...new Set(segments.flatMap((segment) => segment.tiles.map((tile) => tile.source)))];
  if (audio.length === 0 && video.length === 0)
    throw new TwilioError(
      53630,
      'Empty track list for composition: no recording matches the video layout or the audio sources',
    );
  const timeline = compositionTimeline(
    [...audio, ...video].map(sourceInterval),
    request.roomDurationMs,
    request.trim,
  );
  const inputs = [...video, ...audio].map((source) => ({
    source,
    offsetMs: timeline.toCompositionMs(source.startMs),
  }));
  const inputOf = (source: CompositionSource) => inputs.findIndex((input) => input.source === source);
  const placements = placementsOf(segments).map((placed) => ({
    input: inputOf(placed.tile.source),
    rect: placed.tile.rect,
    visible: placed.visible.map((interval) => ({
      startMs: timeline.toCompositionMs(interval.startMs),
      endMs: timeline.toCompositionMs(interval.startMs) + interval.endMs - interval.startMs,
    })),
  }));
  return {
    inputs,
    video: video.length > 0 ? { resolution: request.resolution, placements } : undefined,
    audio: audio.map(inputOf),
    durationMs: timeline.durationMs,
    format: request.format,
  };
}

/** Gathers each (source, region, cell) over the segments, joining the stretches in which it shows. */
function placementsOf(segments: readonly LayoutSegment[]): { tile: Tile; visible: Interval[] }[] {
  const placed = new Map<string, { tile: Tile; visible: Interval[] }>();
  for (const segment of segments)
    for (const tile of segment.tiles) {
      const key = `${tile.source.recordingSid}|${tile.layer}|${tile.cell}`;
      const entry = placed.get(key) ?? { tile, visible: [] };
      const last = entry.visible.at(-1);
      if (last && last.endMs === segment.startMs) last.endMs = segment.endMs;
      else entry.visible.push({ startMs: segment.startMs, endMs: segment.endMs });
      placed.set(key, entry);
    }
  // A region's cells never overlap one another, so stacking by region is enough.
  return [...placed.values()].sort((a, b) => a.tile.layer - b.tile.layer);
}
