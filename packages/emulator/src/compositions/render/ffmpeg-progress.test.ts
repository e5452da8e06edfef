import { describe, expect, it } from 'vitest';
import { progressReader } from './ffmpeg-progress.js';

describe('progressReader', () => {
  it("turns ffmpeg's out_time into whole percents of the duration, each once, lines split anywhere", () => {
    const percents: number[] = [];
    const read = progressReader(4000, (percent) => percents.push(percent));
    read('frame=10\nout_time_us=1000000\nout_time_ms=10');
    read('00000\nprogress=continue\nout_time_us=1000000\n');
    read('out_time=00:00:03.000000\nout_time_us=3999999\nprogress=continue\n');
    expect(percents).toEqual([25, 99]);
  });

  it('never says 100: the caller does, once the file is in place', () => {
    const percents: number[] = [];
    const read = progressReader(1000, (percent) => percents.push(percent));
    read('out_time_ms=5000000\nprogress=end\n');
    expect(percents).toEqual([99]);
  });
});
