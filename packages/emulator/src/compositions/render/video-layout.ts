import { invalidParameter } from './invalid-parameter.js';
import type { Resolution } from './resolution.js';

/** How a region's cells are shared when more of its sources overlap in time than it has cells. */
export type Reuse = 'none' | 'show_oldest' | 'show_newest';

/** One region of Twilio's `VideoLayout`, with its defaults filled in. */
export interface VideoRegion {
  name: string;
  xPos: number;
  yPos: number;
  zPos: number;
  width: number;
  height: number;
  /** Undefined: as many columns (rows) as the region's sources need. */
  maxColumns: number | undefined;
  maxRows: number | undefined;
  cellsExcluded: readonly number[];
  reuse: Reuse;
  videoSources: readonly string[];
  videoSourcesExcluded: readonly string[];
}

/** A parsed `VideoLayout`: its regions in the order the JSON gave them. */
export interface VideoLayout {
  regions: readonly VideoRegion[];
}

const regionKeys = new Set([
  'x_pos',
  'y_pos',
  'z_pos',
  'width',
  'height',
  'max_columns',
  'max_rows',
  'cells_excluded',
  'reuse',
  'video_sources',
  'video_sources_excluded',
]);
const reuses: readonly Reuse[] = ['none', 'show_oldest', 'show_newest'];
const minRegionSide = 16;
const zRange = 99;

/**
 * Parses Twilio's `VideoLayout` (the JSON text of the form parameter, or the object a JSON body
 * carries) against the composition's resolution. A malformed layout throws TwilioError 20001.
 */
export function parseVideoLayout(input: unknown, resolution: Resolution): VideoLayout {
  const json = typeof input === 'string' ? parseJson(input) : input;
  if (!isObject(json)) throw layoutError('it must be a JSON object of regions');
  const regions = Object.entries(json).map(([name, value]) => parseRegion(name, value, resolution));
  if (regions.length === 0) throw layoutError('it must have at least one region');
  if (!regions.some((region) => region.videoSources.length > 0))
    throw layoutError('no region has any video_sources');
  return { regions };
}

function parseRegion(name: string, value: unknown, resolution: Resolution): VideoRegion {
  if (!isObject(value)) throw layoutError(`region '${name}' must be an object`);
  const unknown = Object.keys(value).find((key) => !regionKeys.has(key));
  if (unknown !== undefined) throw layoutError(`region '${name}' has an unknown property '${unknown}'`);
  const field = fieldReader(name, value);
  const xPos = field.integer('x_pos', 0, resolution.width - 1) ?? 0;
  const yPos = field.integer('y_pos', 0, resolution.height - 1) ?? 0;
  return {
    name,
    xPos,
    yPos,
    zPos: field.integer('z_pos', -zRange, zRange) ?? 0,
    width: field.integer('width', minRegionSide, resolution.width - xPos) ?? resolution.width - xPos,
    height: field.integer('height', minRegionSide, resolution.height - yPos) ?? resolution.height - yPos,
    maxColumns: field.integer('max_columns', 1, Number.MAX_SAFE_INTEGER),
    maxRows: field.integer('max_rows', 1, Number.MAX_SAFE_INTEGER),
    cellsExcluded: field.cellIndices('cells_excluded'),
    reuse: field.reuse('reuse'),
    videoSources: field.names('video_sources'),
    videoSourcesExcluded: field.names('video_sources_excluded'),
  };
}

/** Readers for one region's properties; each answers undefined (or the default) when absent. */
function fieldReader(region: string, value: Record<string, unknown>) {
  const fail = (key: string, expected: string) =>
    layoutError(`region '${region}': ${key} must be ${expected}`);
  return {
    integer(key: string, min: number, max: number): number | undefined {
      const field = value[key];
      if (field === undefined) return undefined;
      const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
      if (!Number.isInteger(field) || (field as number) < min || (field as number) > max)
        throw fail(key, `an integer ${range}`);
      return field as number;
    },
    cellIndices(key: string): number[] {
      const field = value[key] ?? [];
      if (!Array.isArray(field) || !field.every((cell) => Number.isInteger(cell) && cell >= 0))
        throw fail(key, 'an array of cell indices (integers from 0)');
      return field as number[];
    },
    reuse(key: string): Reuse {
      const field = value[key] ?? 'show_oldest';
      if (!reuses.includes(field as Reuse)) throw fail(key, `one of ${reuses.join(', ')}`);
      return field as Reuse;
    },
    names(key: string): string[] {
      const field = value[key] ?? [];
      if (!Array.isArray(field) || !field.every((name) => typeof name === 'string' && name !== ''))
        throw fail(key, 'an array of track names or SIDs');
      return field as string[];
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw layoutError(`it is not valid JSON (${(error as Error).message})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layoutError(problem: string) {
  return invalidParameter('VideoLayout', problem);
}
