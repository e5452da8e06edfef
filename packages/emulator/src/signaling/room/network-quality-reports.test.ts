import {
  createEngine,
  manualClock,
  memoryLogger,
  nothingMeasured,
  seededSidSource,
  unmeasured,
} from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { networkQualityReports } from './network-quality-reports.js';

function room() {
  const engine = createEngine({ clock: manualClock(), sids: seededSidSource('nq-reports') });
  const { sid: accountSid } = engine.addAccount({ apiKeys: [{}] });
  const { sid } = engine.createRoom({ accountSid }, { uniqueName: 'nq' });
  const join = (identity: string) => {
    const participant = engine.connectParticipant({ accountSid, room: sid }, { identity });
    return { accountSid, room: sid, participant: participant.sid };
  };
  return { engine, join };
}

const report = {
  type: 'network_quality',
  ice: { availableSend: 1_000_000, rtt: 0.01 },
  reportLevel: 1,
  remoteReportLevel: 1,
};

describe('a session’s network quality reports', () => {
  it('scores the client’s report with the server’s measurements into the engine, and answers with everyone’s levels', () => {
    const { engine, join } = room();
    const alice = join('alice');
    const bob = join('bob');
    const reports = networkQualityReports(engine, alice, memoryLogger());
    expect(reports.report(report)).toEqual({ local: 5, remotes: [{ sid: bob.participant, level: 5 }] });
    // The server sees a third of what alice sends lost.
    reports.measured({
      ...nothingMeasured,
      audio: { send: { ...unmeasured, fractionLost: 0.3 }, recv: unmeasured },
    });
    expect(reports.report(report)).toMatchObject({ local: 1 });
    expect(engine.getParticipant(alice).networkQuality?.audio.send).toBe(1);
    // Bob is told alice's level; a forced level of bob's wins for alice too.
    engine.setNetworkQualityLevel(bob, 3);
    expect(networkQualityReports(engine, bob, memoryLogger()).report(report)).toEqual({
      local: 3,
      remotes: [{ sid: alice.participant, level: 1 }],
    });
    expect(reports.report(report)).toMatchObject({ remotes: [{ sid: bob.participant, level: 3 }] });
  });

  it('logs and ignores a broken report, keeping nothing and answering nothing', () => {
    const { engine, join } = room();
    const alice = join('alice');
    const logger = memoryLogger();
    expect(
      networkQualityReports(engine, alice, logger).report({ ...report, reportLevel: 'all' }),
    ).toBeUndefined();
    expect(engine.getParticipant(alice).networkQuality).toBeUndefined();
    expect(logger.entries).toEqual([
      { level: 'warn', message: expect.stringMatching(/reportLevel is not one of 1, 2, 3\): ignored$/) },
    ]);
  });

  it('keeps nothing and answers nothing for a participant who has left', () => {
    const { engine, join } = room();
    const alice = join('alice');
    const reports = networkQualityReports(engine, alice, memoryLogger());
    engine.disconnectParticipant(alice);
    expect(reports.report(report)).toBeUndefined();
    reports.measured(nothingMeasured);
    expect(engine.getParticipant(alice).networkQuality).toBeUndefined();
  });
});
