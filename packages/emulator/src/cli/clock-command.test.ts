import { afterEach, describe, expect, it } from 'vitest';
import { controlTarget } from '../test-support/control-target.js';
import { stopCliRuns } from '../test-support/run-cli.js';

afterEach(stopCliRuns);
const target = controlTarget();

describe('roomlab clock', () => {
  it("prints the emulator's time", async () => {
    const before = target.server().emulator.control.now();
    const run = await target.roomlab(['clock']);
    expect(run.code).toBe(0);
    const [, iso, ms] = /^(\S+) \((\d+)\)\n$/.exec(run.stdout) ?? [];
    expect(Date.parse(iso ?? '')).toBe(Number(ms));
    expect(Number(ms)).toBeGreaterThanOrEqual(before);
    expect(Number(ms)).toBeLessThan(target.server().emulator.control.now() + 1);
  });

  it('advances it by 5m, 1h30m or 500ms: the emulator is that much later', async () => {
    const { control } = target.server().emulator;
    for (const [duration, ms] of [
      ['5m', 300_000],
      ['1h30m', 5_400_000],
      ['500ms', 500],
    ] as const) {
      const before = control.now();
      const run = await target.roomlab(['clock', 'advance', duration]);
      const after = control.now();
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^advanced ${duration}: now \\S+Z \\(\\d+\\)\\n$`));
      // The real time the CLI took passes too, so the jump is at least the duration and less than 10 s more.
      expect(after - before).toBeGreaterThanOrEqual(ms);
      expect(after - before).toBeLessThan(ms + 10_000);
    }
  });

  it('refuses a bad duration, a missing one, and more than a year, and leaves the clock alone', async () => {
    const { control } = target.server().emulator;
    const before = control.now();
    expect(await target.roomlab(['clock', 'advance', '5 minutes'])).toMatchObject({
      code: 2,
      stderr:
        'roomlab: "5 minutes" is not a duration: give a number with a unit, h, m, s or ms (500ms, 30s, 5m, 2h, 1h30m)\n',
    });
    expect(await target.roomlab(['clock', 'advance'])).toMatchObject({
      code: 2,
      stderr: "roomlab: missing required argument 'DURATION'\n",
    });
    const year = await target.roomlab(['clock', 'advance', '9000h']);
    expect(year.code).toBe(1);
    expect(year.stderr).toMatch(/^roomlab: Invalid clock advance: .* \(20001\)\n$/);
    expect(control.now() - before).toBeLessThan(10_000);
  });
});
