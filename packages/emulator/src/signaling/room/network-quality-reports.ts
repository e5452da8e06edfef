import {
  combineMeasurements,
  type Engine,
  type Logger,
  type NetworkMeasurements,
  networkQualityOf,
  nothingMeasured,
  type ParticipantRecord,
  type ParticipantRef,
  readNetworkQualityReport,
  scoreNetworkQuality,
} from '@roomlab/core';
import { networkQualityAnswer } from './network-quality-answers.js';
import { connectedOthers } from './participant-states.js';

export interface NetworkQualityReports {
  /** Scores a client's report (with the server's latest measurements) and answers it; undefined: ignored. */
  report(message: unknown): Record<string, unknown> | undefined;
  /** Scores the server's new measurements (with the client's latest report). */
  measured(measured: NetworkMeasurements): void;
}

/** What everyone is told of a participant nothing is known of: a path with no demand on it is excellent. */
const levelsOf = (participant: ParticipantRecord | undefined) =>
  (participant && networkQualityOf(participant)) ?? scoreNetworkQuality(nothingMeasured);

/**
 * One session's network quality: what its client reports and what the media server measures of its
 * path are scored together into the engine (the one record of its levels), and each report is answered.
 */
export function networkQualityReports(
  engine: Engine,
  ref: ParticipantRef,
  logger: Logger,
): NetworkQualityReports {
  let client = nothingMeasured;
  let server = nothingMeasured;
  const connected = () => {
    const room = engine.findRoom(ref);
    return room?.status === 'in-progress' && room.participants.get(ref.participant)?.status === 'connected';
  };
  /** Whether the levels were kept: a participant who has just left has none to keep. */
  const score = () => {
    if (!connected()) return false;
    engine.reportNetworkQuality(ref, scoreNetworkQuality(combineMeasurements(client, server)));
    return true;
  };
  return {
    report(message) {
      const read = readNetworkQualityReport(message);
      if ('problem' in read) {
        logger.warn(`a network_quality report from ${ref.participant} is broken (${read.problem}): ignored`);
        return undefined;
      }
      client = read.report.measurements;
      if (!score()) return undefined;
      return networkQualityAnswer({
        local: levelsOf(engine.findRoom(ref)?.participants.get(ref.participant)),
        remotes: connectedOthers(engine, ref).map((other) => ({ sid: other.sid, levels: levelsOf(other) })),
        reportLevel: read.report.reportLevel,
        remoteReportLevel: read.report.remoteReportLevel,
      });
    },
    measured(measured) {
      server = measured;
      score();
    },
  };
}
