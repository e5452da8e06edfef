export { selectAudioSources } from './audio-selection.js';
export {
  type CompositionFormat,
  defaultCompositionFormat,
  parseCompositionFormat,
} from './composition-format.js';
export type { GridShape, Rect } from './grid.js';
export { type LayoutSegment, layoutTimeline, type Tile } from './layout-timeline.js';
export {
  type CompositionRenderer,
  type CompositionRendererOptions,
  createCompositionRenderer,
} from './render-composition.js';
export type {
  CompositionSource,
  RenderCompositionRequest,
  RenderCompositionResult,
} from './render-request.js';
export { defaultResolution, parseResolution, type Resolution } from './resolution.js';
export { matchesTrackPattern } from './track-pattern.js';
export { parseVideoLayout, type Reuse, type VideoLayout, type VideoRegion } from './video-layout.js';
