import type { CompositionHookFormat } from '@roomlab/core';
import { invalidParameter, type Params } from './params.js';

/**
 * The format fields compositions and composition hooks share: VideoLayout (a JSON object of regions),
 * Resolution (`{width}x{height}`) and Format (mp4 or webm). This checks their form only, with the
 * spec's limits; the full reading of a layout's regions belongs to the composition renderer's parser,
 * which may take this function's place.
 */
export interface CompositionFormatFields {
  videoLayout?: Record<string, unknown>;
  resolution?: string;
  format?: CompositionHookFormat;
}

/** The spec's limits: each side 16 to 1280 pixels, at most 921,600 pixels in all. */
export const resolutionLimits = { minSide: 16, maxSide: 1280, maxPixels: 921_600 } as const;

const formats: readonly CompositionHookFormat[] = ['mp4', 'webm'];

function videoLayout(params: Params): Record<string, unknown> | undefined {
  if (!params.has('VideoLayout')) return undefined;
  const layout = params.json('VideoLayout');
  if (typeof layout !== 'object' || layout === null || Array.isArray(layout))
    throw invalidParameter('VideoLayout', 'it must be a JSON object of regions');
  return layout as Record<string, unknown>;
}

function resolution(params: Params): string | undefined {
  const value = params.string('Resolution');
  if (value === undefined) return undefined;
  const [, width, height] = /^(\d{1,4})x(\d{1,4})$/.exec(value) ?? [];
  const { minSide, maxSide, maxPixels } = resolutionLimits;
  const fits = (side: number) => side >= minSide && side <= maxSide;
  if (width === undefined || height === undefined) {
    throw invalidParameter('Resolution', `"${value.slice(0, 32)}" is not of the form {width}x{height}`);
  }
  if (!fits(Number(width)) || !fits(Number(height)) || Number(width) * Number(height) > maxPixels) {
    throw invalidParameter(
      'Resolution',
      `each side must be ${minSide} to ${maxSide} pixels, and width × height at most ${maxPixels}`,
    );
  }
  return value;
}

function format(params: Params): CompositionHookFormat | undefined {
  const value = params.string('Format');
  if (value === undefined) return undefined;
  if (!(formats as readonly string[]).includes(value))
    throw invalidParameter('Format', `"${value.slice(0, 32)}" is not one of ${formats.join(', ')}`);
  return value as CompositionHookFormat;
}

/** VideoLayout, Resolution and Format from a request, each checked; 20001 for the first bad one. */
export function validateCompositionFormatFields(params: Params): CompositionFormatFields {
  return { videoLayout: videoLayout(params), resolution: resolution(params), format: format(params) };
}
