import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import type { ParticipantRef } from './engine-refs.js';
import { participantSnapshot } from './event-snapshots.js';
import { requireConnected } from './lookup.js';
import type { NetworkConditions, ParticipantRecord } from './records.js';

/**
 * The ranges each network condition may take (a roomlab extension: on Twilio the network is what it
 * is). Loss is a percentage; latency and jitter are one-way, in ms; bandwidth is per direction, in kbps.
 */
export const networkConditionLimits: Readonly<Record<keyof NetworkConditions, { min: number; max: number }>> =
  {
    packetLossPercent: { min: 0, max: 100 },
    latencyMs: { min: 0, max: 10_000 },
    jitterMs: { min: 0, max: 10_000 },
    bandwidthKbps: { min: 8, max: 10_000_000 },
  };

const fields = Object.keys(networkConditionLimits) as (keyof NetworkConditions)[];

const isField = (name: string): name is keyof NetworkConditions => (fields as string[]).includes(name);

/** The conditions in `input`, checked: 20001 naming the first field that is unknown or out of range. */
export function checkNetworkConditions(input: unknown): NetworkConditions {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new TwilioError(20001, `Invalid network conditions: give an object of ${fields.join(', ')}`);
  const checked: NetworkConditions = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isField(name))
      throw new TwilioError(
        20001,
        `Invalid parameter ${name.slice(0, 32)}: not a network condition (${fields.join(', ')})`,
      );
    const { min, max } = networkConditionLimits[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      throw new TwilioError(
        20001,
        `Invalid parameter ${name}: ${String(value).slice(0, 32)} is not a number from ${min} to ${max}`,
      );
    checked[name] = value;
  }
  if (Object.keys(checked).length === 0)
    throw new TwilioError(20001, `Invalid network conditions: give at least one of ${fields.join(', ')}`);
  return checked;
}

/**
 * Impairs a connected participant's network path as `conditions` say (they replace any it had), or
 * clears it with null. The media server applies them; the event tells it.
 */
export function setNetworkConditions(
  context: EngineContext,
  ref: ParticipantRef,
  conditions: unknown,
): ParticipantRecord {
  const checked = conditions === null ? null : checkNetworkConditions(conditions);
  const { room, participant } = requireConnected(context, ref);
  participant.networkConditions = checked;
  context.log.emit('network-conditions-changed', room, {
    participant: participantSnapshot(participant),
    networkConditions: checked === null ? null : { ...checked },
  });
  return participant;
}
