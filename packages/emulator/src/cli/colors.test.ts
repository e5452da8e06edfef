import { describe, expect, it } from 'vitest';
import { painter, wantsColor } from './colors.js';

describe('wantsColor', () => {
  it('colours a terminal, not a pipe', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });

  it('honours NO_COLOR (unless empty), FORCE_COLOR and a dumb terminal', () => {
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColor({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(wantsColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { FORCE_COLOR: 'false' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('painter', () => {
  it('wraps text in its style with colour, and leaves it alone without', () => {
    expect(painter(true)('red', 'failed')).toBe('\u001b[31mfailed\u001b[0m');
    expect(painter(false)('red', 'failed')).toBe('failed');
  });
});
