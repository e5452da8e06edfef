import { describe, expect, it } from 'vitest';
import { compositionSource } from '../../test-support/composition-sources.js';
import { type LayoutSegment, layoutTimeline } from './layout-timeline.js';
import type { CompositionSource } from './render-request.js';
import { parseVideoLayout } from './video-layout.js';

const vga = { width: 640, height: 480 };

function timeline(sources: CompositionSource[], layout: unknown): LayoutSegment[] {
  return layoutTimeline(sources, parseVideoLayout(layout, vga));
}

/** Each segment as [start, end, 'track@cell' of each tile, bottom to top]. */
function shown(segments: LayoutSegment[]): [number, number, string[]][] {
  return segments.map((segment) => [
    segment.startMs,
    segment.endMs,
    segment.tiles.map((tile) => `${tile.source.trackName}@${tile.cell}`),
  ]);
}

const from = (startMs: number, endMs: number) => ({ startMs, durationMs: endMs - startMs });
const everyone = (count: number) =>
  Array.from({ length: count }, (_, index) => compositionSource(`p${index}-video`, from(0, 1000)));
const grid = { grid: { video_sources: ['*'] } };

describe('a grid region', () => {
  it('gives one source the whole region', () => {
    const [segment] = timeline(everyone(1), grid);
    expect(segment?.tiles.map((tile) => tile.rect)).toEqual([{ x: 0, y: 0, width: 640, height: 480 }]);
  });

  it('sets two sources side by side', () => {
    const [segment] = timeline(everyone(2), grid);
    expect(segment?.tiles.map((tile) => tile.rect)).toEqual([
      { x: 0, y: 0, width: 320, height: 480 },
      { x: 320, y: 0, width: 320, height: 480 },
    ]);
  });

  it('puts three sources in a 2x2 grid, the last cell empty', () => {
    const [segment] = timeline(everyone(3), grid);
    expect(segment?.tiles.map((tile) => [tile.cell, tile.rect])).toEqual([
      [0, { x: 0, y: 0, width: 320, height: 240 }],
      [1, { x: 320, y: 0, width: 320, height: 240 }],
      [2, { x: 0, y: 240, width: 320, height: 240 }],
    ]);
  });

  it('puts five sources in three columns and two rows, sharing out the odd pixel', () => {
    const [segment] = timeline(everyone(5), grid);
    expect(
      segment?.tiles.map((tile) => [tile.rect.x, tile.rect.y, tile.rect.width, tile.rect.height]),
    ).toEqual([
      [0, 0, 213, 240],
      [213, 0, 213, 240],
      [426, 0, 214, 240],
      [0, 240, 213, 240],
      [213, 240, 213, 240],
    ]);
  });

  it.each([
    [10, { max_columns: 2 }, [2, 5]],
    [4, { max_rows: 1 }, [4, 1]],
    [7, { max_columns: 2, max_rows: 2 }, [2, 2]],
  ])('holds %i sources to %j', (count, limits, [columns, rows]) => {
    const [segment] = timeline(everyone(count), { grid: { video_sources: ['*'], ...limits } });
    const first = segment?.tiles[0]?.rect;
    expect([first?.width, first?.height]).toEqual([640 / (columns ?? 1), Math.floor(480 / (rows ?? 1))]);
  });

  it('keeps its grid while sources come and go, each source in the cell it got, a freed cell taken by the next', () => {
    const sources = [
      compositionSource('alice-video', from(0, 1000)),
      compositionSource('bob-video', from(500, 1500)),
      compositionSource('carol-video', from(1200, 2000)),
    ];
    const segments = timeline(sources, grid);
    expect(shown(segments)).toEqual([
      [0, 500, ['alice-video@0']],
      [500, 1000, ['alice-video@0', 'bob-video@1']],
      [1000, 1200, ['bob-video@1']],
      [1200, 1500, ['carol-video@0', 'bob-video@1']],
      [1500, 2000, ['carol-video@0']],
    ]);
    expect(segments.at(-1)?.tiles[0]?.rect).toEqual({ x: 0, y: 0, width: 320, height: 480 });
  });

  it('shows only the video sources it names, less those it excludes, by name or SID', () => {
    const sources = [
      compositionSource('alice-video', from(0, 1000)),
      compositionSource('alice-audio', from(0, 1000)),
      compositionSource('bob-video', from(0, 1000)),
      compositionSource('screen', from(0, 1000)),
    ];
    const layout = { grid: { video_sources: ['*-video', 'MTscreen'], video_sources_excluded: ['bob*'] } };
    expect(shown(timeline(sources, layout))).toEqual([[0, 1000, ['alice-video@0', 'screen@1']]]);
  });
});

describe('cells_excluded', () => {
  it('leaves the excluded cells of a chess table empty', () => {
    const layout = {
      chess: { max_rows: 3, max_columns: 3, cells_excluded: [1, 3, 5, 7], video_sources: ['*'] },
    };
    const [segment] = timeline(everyone(5), layout);
    expect(segment?.tiles.map((tile) => tile.cell)).toEqual([0, 2, 4, 6, 8]);
    expect(segment?.tiles[2]?.rect).toEqual({ x: 213, y: 160, width: 213, height: 160 });
  });

  it('skips an excluded cell only when the grid reaches it', () => {
    const layout = { mosaic: { max_rows: 3, max_columns: 3, cells_excluded: [4], video_sources: ['*'] } };
    expect(timeline(everyone(2), layout)[0]?.tiles.map((tile) => tile.cell)).toEqual([0, 1]);
    expect(timeline(everyone(5), layout)[0]?.tiles.map((tile) => tile.cell)).toEqual([0, 1, 2, 3, 5]);
  });
});

describe('reuse, when a region has fewer cells than sources at once', () => {
  // Alice records throughout; Bob comes in the middle; Carol comes as Alice leaves.
  const sources = [
    compositionSource('alice-video', from(0, 3000)),
    compositionSource('bob-video', from(1000, 2000)),
    compositionSource('carol-video', from(2500, 4000)),
  ];
  const single = (reuse: string) => ({ only: { max_rows: 1, max_columns: 1, reuse, video_sources: ['*'] } });

  const pieces = [
    [0, 1000],
    [1000, 2000],
    [2000, 2500],
    [2500, 3000],
    [3000, 4000],
  ];

  it.each([
    [
      'show_newest',
      'makes a sequence: each newcomer takes the cell, the one before it comes back',
      'alice bob alice carol carol',
    ],
    ['show_oldest', '(the default) keeps the first source until it ends', 'alice alice alice alice carol'],
    [
      'none',
      'never shows a source that found no free cell, even once a cell frees',
      'alice alice alice alice -',
    ],
  ])('%s %s', (reuse, _, expected) => {
    const segments = timeline(sources, single(reuse));
    expect(segments.map((segment) => [segment.startMs, segment.endMs])).toEqual(pieces);
    const who = segments.map(
      (segment) => segment.tiles.map((tile) => tile.source.participantSid.slice(2)).join() || '-',
    );
    expect(who.join(' ')).toBe(expected);
    expect(segments.every((segment) => segment.tiles.every((tile) => tile.cell === 0))).toBe(true);
  });

  it('none still lets a source that starts after a cell freed take it', () => {
    const later = [
      compositionSource('alice-video', from(0, 1000)),
      compositionSource('bob-video', from(1500, 2000)),
    ];
    expect(shown(timeline(later, single('none')))).toEqual([
      [0, 1000, ['alice-video@0']],
      [1000, 1500, []],
      [1500, 2000, ['bob-video@0']],
    ]);
  });
});

describe('picture-in-picture', () => {
  it('stacks regions by z_pos, whatever their order in the JSON', () => {
    const sources = [
      compositionSource('screen', from(0, 1000)),
      compositionSource('presenter-cam', from(0, 1000)),
    ];
    const layout = {
      pip: { z_pos: 2, x_pos: 480, y_pos: 20, width: 140, height: 105, video_sources: ['presenter-cam'] },
      main: { z_pos: 1, video_sources: ['screen'] },
    };
    const [segment] = timeline(sources, layout);
    expect(segment?.tiles.map((tile) => [tile.region, tile.source.trackName, tile.rect])).toEqual([
      ['main', 'screen', { x: 0, y: 0, width: 640, height: 480 }],
      ['pip', 'presenter-cam', { x: 480, y: 20, width: 140, height: 105 }],
    ]);
  });
});
