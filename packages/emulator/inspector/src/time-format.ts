/** A time of the emulator's clock (epoch ms) as the page shows it: the UTC time of day, to the second. */
export const timeOfDay = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** A duration in ms as `1m 05s` or `42s` (`350ms` under a second). */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds}s` : `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
}
