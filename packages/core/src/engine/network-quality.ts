import { TwilioError } from '../errors.js';
import { type NetworkQualityLevels, withEveryLevel } from '../network-quality/levels.js';
import { nothingMeasured } from '../network-quality/measurements.js';
import { scoreNetworkQuality } from '../network-quality/scoring.js';
import type { EngineContext } from './engine-context.js';
import type { ParticipantRef } from './engine-refs.js';
import { participantSnapshot } from './event-snapshots.js';
import { requireConnected } from './lookup.js';
import type { ParticipantRecord } from './records.js';

/**
 * A participant's network quality level as a test forces it (a roomlab extension: Twilio measures it):
 * 1 to 5, or null to stop forcing it. Clients hear it in their next network quality report.
 */
export function setNetworkQualityLevel(
  context: EngineContext,
  ref: ParticipantRef,
  level: number | null,
): ParticipantRecord {
  if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 5))
    throw new TwilioError(
      20001,
      `Invalid level: ${String(level).slice(0, 32)} is not a whole number from 1 to 5`,
    );
  const { room, participant } = requireConnected(context, ref);
  participant.networkQualityLevel = level;
  context.log.emit('network-quality-forced', room, { participant: participantSnapshot(participant) });
  return participant;
}

/**
 * Keeps the levels computed from a participant's latest network quality report. The event tells of a
 * new overall level only, not of every report (clients report about once a second).
 */
export function reportNetworkQuality(
  context: EngineContext,
  ref: ParticipantRef,
  levels: NetworkQualityLevels,
): ParticipantRecord {
  const { room, participant } = requireConnected(context, ref);
  const before = participant.networkQuality?.level;
  participant.networkQuality = levels;
  if (before !== levels.level)
    context.log.emit('network-quality-changed', room, { participant: participantSnapshot(participant) });
  return participant;
}

/**
 * The levels everyone is told of a participant: a forced level wins over the measured ones and sets
 * every level (the measurements stay); null while neither is known.
 */
export function networkQualityOf(participant: ParticipantRecord): NetworkQualityLevels | null {
  const measured = participant.networkQuality ?? null;
  const forced = participant.networkQualityLevel ?? null;
  if (forced === null) return measured;
  return withEveryLevel(measured ?? scoreNetworkQuality(nothingMeasured), forced);
}
