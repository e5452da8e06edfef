import type { VideoRegion } from './video-layout.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GridShape {
  columns: number;
  rows: number;
}

/** A region's grid and the cells of it that may hold a source (those not in `cells_excluded`). */
export interface RegionGrid {
  shape: GridShape;
  usableCells: readonly number[];
}

/**
 * The grid for this many cells: as square as it can be, with at most one column more than rows
 * (1x1, 2x1, 2x2, 3x2, 3x3, 4x3, ...), then held to `max_columns` and `max_rows`.
 */
export function gridShape(cells: number, maxColumns?: number, maxRows?: number): GridShape {
  const columnLimit = maxColumns ?? Number.POSITIVE_INFINITY;
  let columns = Math.min(Math.ceil(Math.sqrt(cells)), columnLimit);
  let rows = Math.ceil(cells / columns);
  if (maxRows !== undefined && rows > maxRows) {
    rows = maxRows;
    columns = Math.min(Math.ceil(cells / rows), columnLimit);
  }
  return { columns, rows };
}

/**
 * The smallest grid whose cells, less `cells_excluded`, hold the most sources the region shows at
 * once; or the largest `max_columns` x `max_rows` allows, when that holds fewer (`reuse` then decides).
 * Cells are numbered from 0, left to right and top to bottom.
 */
export function regionGrid(region: VideoRegion, simultaneousSources: number): RegionGrid {
  const needed = Math.max(1, simultaneousSources);
  const limit =
    (region.maxColumns ?? Number.POSITIVE_INFINITY) * (region.maxRows ?? Number.POSITIVE_INFINITY);
  for (let cells = needed; ; cells += 1) {
    const shape = gridShape(cells, region.maxColumns, region.maxRows);
    const count = shape.columns * shape.rows;
    const usableCells = [...Array(count).keys()].filter((cell) => !region.cellsExcluded.includes(cell));
    if (usableCells.length >= needed || count >= limit) return { shape, usableCells };
  }
}

/** Where a cell lies on the canvas; cells share the region's pixels out evenly. */
export function cellRect(region: VideoRegion, shape: GridShape, cell: number): Rect {
  const column = cell % shape.columns;
  const row = Math.floor(cell / shape.columns);
  const edge = (length: number, parts: number, index: number) => Math.floor((length * index) / parts);
  const x = edge(region.width, shape.columns, column);
  const y = edge(region.height, shape.rows, row);
  return {
    x: region.xPos + x,
    y: region.yPos + y,
    width: edge(region.width, shape.columns, column + 1) - x,
    height: edge(region.height, shape.rows, row + 1) - y,
  };
}
