import type { CompositionSource } from './render-request.js';
import { selectSources } from './track-pattern.js';

/** The audio recordings `AudioSources` names and `AudioSourcesExcluded` does not. */
export function selectAudioSources(
  sources: readonly CompositionSource[],
  audioSources: readonly string[],
  audioSourcesExcluded: readonly string[],
): CompositionSource[] {
  const audio = sources.filter((source) => source.kind === 'audio');
  return selectSources(audio, audioSources, audioSourcesExcluded);
}
