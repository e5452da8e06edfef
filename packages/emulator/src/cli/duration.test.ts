import { describe, expect, it } from 'vitest';
import { UsageError } from './command-result.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['2s250ms', 2250],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5x', '1.5h', '-5m', '30m1h', 'm', '5 m', '1d'])(
    'refuses "%s" as a usage error',
    (text) => {
      expect(() => parseDuration(text)).toThrow(UsageError);
      expect(() => parseDuration(text)).toThrow(/is not a duration: give a number with a unit/);
    },
  );
});
