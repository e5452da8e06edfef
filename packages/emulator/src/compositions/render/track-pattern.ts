import type { CompositionSource } from './render-request.js';

/**
 * Whether a source entry (`video_sources`, `AudioSources` and their exclusions) names this track: by
 * its name or its MT SID, where `*` matches zero or more characters (`student*` matches `student` and
 * `studentTeam`).
 */
export function matchesTrackPattern(pattern: string, source: CompositionSource): boolean {
  const regex = patternRegex(pattern);
  return regex.test(source.trackName) || regex.test(source.trackSid);
}

/** The sources some `included` pattern names and no `excluded` pattern names, in their given order. */
export function selectSources(
  sources: readonly CompositionSource[],
  included: readonly string[],
  excluded: readonly string[],
): CompositionSource[] {
  const named = (patterns: readonly string[], source: CompositionSource) =>
    patterns.some((pattern) => matchesTrackPattern(pattern, source));
  return sources.filter((source) => named(included, source) && !named(excluded, source));
}

function patternRegex(pattern: string): RegExp {
  const literal = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`, 's');
}
