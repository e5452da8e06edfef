import { TwilioError } from '../errors.js';
import type { ParticipantRef } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
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
