import { describe, expect, it } from 'vitest';
import { durationSeconds, manualClock, twilioDate } from './clock.js';

describe('clocks and dates', () => {
  it('moves a manual clock only when told, and tells its listeners', () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    let heard = 0;
    clock.onAdvance(() => heard++);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    clock.advance(1500);
    clock.set(Date.UTC(2026, 0, 2));
    expect(clock.now()).toBe(Date.UTC(2026, 0, 2));
    expect(heard).toBe(2);
  });

  it('refuses to run a manual clock backwards or to a non-finite time', () => {
    const clock = manualClock();
    expect(() => clock.advance(-1)).toThrow();
    expect(() => clock.set(clock.now() - 1)).toThrow();
    expect(() => clock.set(Number.NaN)).toThrow();
  });

  it('writes dates as Twilio does, to the second, in UTC', () => {
    expect(twilioDate(Date.UTC(2026, 10, 25, 9, 5, 7, 999))).toBe('2026-11-25T09:05:07Z');
  });

  it('formats each second anew, whichever second it formatted last', () => {
    const dates = [7, 8, 7, 7].map((second) => twilioDate(Date.UTC(2026, 10, 25, 9, 5, second, 500)));
    expect(dates).toEqual([
      '2026-11-25T09:05:07Z',
      '2026-11-25T09:05:08Z',
      '2026-11-25T09:05:07Z',
      '2026-11-25T09:05:07Z',
    ]);
    expect(() => twilioDate(Number.NaN)).toThrow(RangeError);
  });

  it('counts whole seconds of duration', () => {
    expect(durationSeconds(0, 90_999)).toBe(90);
  });
});
