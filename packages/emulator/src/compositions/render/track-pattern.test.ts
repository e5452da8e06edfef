import { describe, expect, it } from 'vitest';
import { compositionSource } from '../../test-support/composition-sources.js';
import { selectAudioSources } from './audio-selection.js';
import { matchesTrackPattern } from './track-pattern.js';

const timing = { startMs: 0, durationMs: 1000 };

describe('track patterns', () => {
  it('match a track by name, where * matches zero or more characters', () => {
    const names = ['student', 'studentTeam', 'teacher', 'a-student'];
    const matched = (pattern: string) =>
      names.filter((name) => matchesTrackPattern(pattern, compositionSource(name, timing)));
    expect(matched('student*')).toEqual(['student', 'studentTeam']);
    expect(matched('*student*')).toEqual(['student', 'studentTeam', 'a-student']);
    expect(matched('*')).toEqual(names);
    expect(matched('teacher')).toEqual(['teacher']);
    expect(matched('teach')).toEqual([]);
  });

  it("match a track by its MT SID, and treat a name's other characters literally", () => {
    const source = compositionSource('a.b(c)', timing);
    expect(matchesTrackPattern(source.trackSid, source)).toBe(true);
    expect(matchesTrackPattern('a.b(c)', source)).toBe(true);
    expect(matchesTrackPattern('a.b(c)', compositionSource('axb(c)', timing))).toBe(false);
  });
});

describe('AudioSources and AudioSourcesExcluded', () => {
  const sources = [
    compositionSource('alice-audio', timing),
    compositionSource('alice-video', timing),
    compositionSource('bob-audio', timing),
    compositionSource('advisor-audio', timing),
  ];
  const names = (audioSources: string[], excluded: string[]) =>
    selectAudioSources(sources, audioSources, excluded).map((source) => source.trackName);

  it('take the audio recordings named and not excluded, never video', () => {
    expect(names(['*'], [])).toEqual(['alice-audio', 'bob-audio', 'advisor-audio']);
    expect(names(['*'], ['advisor-audio'])).toEqual(['alice-audio', 'bob-audio']);
    expect(names(['a*'], ['ad*'])).toEqual(['alice-audio']);
    expect(names(['MTbobaudio', 'alice-video'], [])).toEqual(['bob-audio']);
    expect(names([], [])).toEqual([]);
  });
});
