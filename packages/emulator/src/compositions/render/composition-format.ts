import type { CompositionFormat } from '@roomlab/core';
import { invalidParameter } from './invalid-parameter.js';

/** The composition's container: MP4 holds H.264 and AAC, WebM holds VP8 and Opus. */
export type { CompositionFormat } from '@roomlab/core';

/** Twilio's default `Format`. */
export const defaultCompositionFormat: CompositionFormat = 'webm';

/** Parses Twilio's `Format` parameter: `mp4` or `webm`, `webm` when absent. */
export function parseCompositionFormat(value: string | undefined): CompositionFormat {
  if (value === undefined || value === '') return defaultCompositionFormat;
  if (value === 'mp4' || value === 'webm') return value;
  throw invalidParameter('Format', `'${value}' is not one of mp4, webm`);
}
