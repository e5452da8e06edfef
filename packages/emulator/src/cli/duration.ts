import { UsageError } from './command-result.js';

const unitMs = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;

/** Hours, minutes, seconds and milliseconds, each at most once and in that order: `1h30m`, `500ms`. */
const durationPattern = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A duration as people write it (`500ms`, `30s`, `5m`, `2h`, `1h30m`) in milliseconds; else a usage error. */
export function parseDuration(text: string): number {
  const match = durationPattern.exec(text.trim());
  const parts = match?.slice(1) ?? [];
  if (!match || parts.every((part) => part === undefined))
    throw new UsageError(
      `"${text.slice(0, 32)}" is not a duration: give a number with a unit, h, m, s or ms (500ms, 30s, 5m, 2h, 1h30m)`,
    );
  const [hours, minutes, seconds, ms] = parts.map((part) => Number(part ?? 0));
  return (hours ?? 0) * unitMs.h + (minutes ?? 0) * unitMs.m + (seconds ?? 0) * unitMs.s + (ms ?? 0);
}
