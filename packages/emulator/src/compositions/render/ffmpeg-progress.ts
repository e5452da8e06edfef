/**
 * Reads ffmpeg's `-progress` output (key=value lines) and reports whole percents of the expected
 * duration, each once, never reaching 100 (the caller says 100 when the file is in place).
 */
export function progressReader(
  durationMs: number,
  onPercent: (percent: number) => void,
): (chunk: string) => void {
  let pending = '';
  let reported = -1;
  return (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      // out_time_ms is in microseconds too (a historical misnomer); newer ffmpeg adds out_time_us.
      const match = /^out_time_(?:us|ms)=(\d+)\s*$/.exec(line);
      if (!match || durationMs <= 0) continue;
      const percent = Math.min(99, Math.floor(Number(match[1]) / 10 / durationMs));
      if (percent > reported) {
        reported = percent;
        onPercent(percent);
      }
    }
  };
}
