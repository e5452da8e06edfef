import { describe, expect, it } from 'vitest';
import { withEveryLevel } from '../network-quality/levels.js';
import { type NetworkMeasurements, nothingMeasured, unmeasured } from '../network-quality/measurements.js';
import { scoreNetworkQuality } from '../network-quality/scoring.js';
import { codeOf, fixtureWithParticipant } from '../test-support/engine-fixture.js';
import { networkQualityOf } from './network-quality.js';

function room() {
  const fixture = fixtureWithParticipant();
  const changes = () => fixture.seen.filter((event) => event.name === 'network-quality-changed');
  return { ...fixture, alice: fixture.participant, changes };
}

const lossy = (fractionLost: number): NetworkMeasurements => ({
  ...nothingMeasured,
  audio: { send: unmeasured, recv: { ...unmeasured, fractionLost } },
});

describe('network quality in the engine', () => {
  it('is unknown (null) until a report is scored or a level forced', () => {
    const { alice } = room();
    expect(networkQualityOf(alice)).toBeNull();
  });

  it('keeps the levels of each report, and tells of a new overall level only', () => {
    const { engine, alice, ref, changes } = room();
    engine.reportNetworkQuality(ref, scoreNetworkQuality(nothingMeasured));
    engine.reportNetworkQuality(ref, scoreNetworkQuality(nothingMeasured));
    expect(networkQualityOf(alice)?.level).toBe(5);
    engine.reportNetworkQuality(ref, scoreNetworkQuality(lossy(0.3)));
    engine.reportNetworkQuality(ref, scoreNetworkQuality(lossy(0.3)));
    expect(networkQualityOf(alice)?.audio.recv).toBeLessThanOrEqual(3);
    expect(changes().map((event) => event.participant?.sid)).toEqual([alice.sid, alice.sid]);
  });

  it('lets a forced level win over the measured one, setting every level, and the measured one return when it stops', () => {
    const { engine, alice, ref } = room();
    const measured = scoreNetworkQuality(lossy(0.3));
    engine.reportNetworkQuality(ref, measured);
    engine.setNetworkQualityLevel(ref, 4);
    const forced = networkQualityOf(alice);
    expect(forced).toEqual(withEveryLevel(measured, 4));
    expect([forced?.audio.recv, forced?.audio.recvStats.fractionLost.level]).toEqual([4, 4]);
    // The measurements stay beside the forced levels.
    expect(forced?.audio.recvStats.fractionLost.fractionLost).toBe(0.3);
    engine.setNetworkQualityLevel(ref, null);
    expect(networkQualityOf(alice)).toEqual(measured);
  });

  it('gives a forced level before any report', () => {
    const { engine, alice, ref } = room();
    engine.setNetworkQualityLevel(ref, 2);
    expect(networkQualityOf(alice)).toMatchObject({ level: 2, video: { send: 2, recv: 2 } });
  });

  it('takes reports only of connected participants', () => {
    const { engine, ref } = room();
    engine.disconnectParticipant(ref);
    expect(codeOf(() => engine.reportNetworkQuality(ref, scoreNetworkQuality(nothingMeasured)))).toBe(53204);
  });
});
