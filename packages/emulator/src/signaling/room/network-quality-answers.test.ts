import { type NetworkMeasurements, nothingMeasured, scoreNetworkQuality, unmeasured } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { networkQualityAnswer } from './network-quality-answers.js';

const lossy: NetworkMeasurements = {
  ...nothingMeasured,
  audio: { send: { ...unmeasured, rtt: 0.02, fractionLost: 0.06 }, recv: unmeasured },
};
const local = scoreNetworkQuality(lossy);
const bob = scoreNetworkQuality(nothingMeasured);
const answer = (reportLevel: 1 | 2 | 3, remoteReportLevel: 0 | 1 | 2 | 3) =>
  networkQualityAnswer({ local, remotes: [{ sid: 'PAbob', levels: bob }], reportLevel, remoteReportLevel });

describe('answers to network quality reports, by the verbosity the client asked for', () => {
  it('at 1 gives the level alone, and no remotes at remote verbosity 0', () => {
    expect(answer(1, 0)).toEqual({ local: 4 });
    expect(answer(1, 1)).toEqual({ local: 4, remotes: [{ sid: 'PAbob', level: 5 }] });
  });

  it('at 2 gives each medium’s send and receive levels, without the stats behind them', () => {
    const levels = { level: 4, audio: { send: 4, recv: 5 }, video: { send: 5, recv: 5 } };
    expect(answer(2, 0)).toEqual({ local: levels });
    expect(answer(1, 2)).toMatchObject({
      remotes: [{ sid: 'PAbob', level: 5, audio: { send: 5, recv: 5 }, video: { send: 5, recv: 5 } }],
    });
  });

  it('at 3 gives the stats too: bandwidth, latency and loss, each with its level', () => {
    const full = answer(3, 3) as { local: typeof local; remotes: unknown[] };
    expect(full.local).toEqual(local);
    expect(full.local.audio.sendStats).toEqual({
      bandwidth: { actual: null, available: null, level: 5 },
      latency: { jitter: null, rtt: 0.02, level: 5 },
      fractionLost: { fractionLost: 0.06, level: 4 },
    });
    expect(full.remotes).toEqual([{ sid: 'PAbob', ...bob }]);
  });
});
