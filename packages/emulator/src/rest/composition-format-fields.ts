import type { CompositionHookFormat } from '@roomlab/core';
import { parseCompositionFormat } from '../compositions/render/composition-format.js';
import { parseResolution } from '../compositions/render/resolution.js';
import { parseVideoLayout } from '../compositions/render/video-layout.js';
import type { Params } from './params.js';

/**
 * The format fields compositions and composition hooks share: VideoLayout (Twilio's region JSON),
 * Resolution (`{width}x{height}` within Twilio's limits) and Format (mp4 or webm), each read by the
 * composition renderer's own parsers, so a hook holds only what a composition would take.
 */
export interface CompositionFormatFields {
  videoLayout?: Record<string, unknown>;
  resolution?: string;
  format?: CompositionHookFormat;
}

/** VideoLayout, Resolution and Format as given (undefined when absent), each checked; 20001 for a bad one. */
export function validateCompositionFormatFields(params: Params): CompositionFormatFields {
  const resolutionText = params.string('Resolution');
  const resolution = parseResolution(resolutionText);
  const layoutText = params.string('VideoLayout');
  let videoLayout: Record<string, unknown> | undefined;
  if (layoutText !== undefined && layoutText !== '') {
    parseVideoLayout(layoutText, resolution);
    videoLayout = JSON.parse(layoutText) as Record<string, unknown>;
  }
  const formatText = params.string('Format');
  return {
    videoLayout,
    resolution: resolutionText === undefined ? undefined : `${resolution.width}x${resolution.height}`,
    format: formatText === undefined ? undefined : parseCompositionFormat(formatText),
  };
}
