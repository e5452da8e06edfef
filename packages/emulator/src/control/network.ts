import {
  checkNetworkConditions,
  type Engine,
  type NetworkConditions,
  type ParticipantRecord,
  type ParticipantRef,
  TwilioError,
} from '@roomlab/core';

/** What `POST /_roomlab/network` takes: a level to force, network conditions, or both. */
export type NetworkSettings = NetworkConditions & { level?: number };

/** A participant's network as a test set it: the forced level and the impairment (null: none). */
export interface NetworkState {
  participantSid: string;
  level: number | null;
  conditions: NetworkConditions | null;
}

export const networkState = (participant: ParticipantRecord): NetworkState => ({
  participantSid: participant.sid,
  level: participant.networkQualityLevel ?? null,
  conditions: participant.networkConditions ?? null,
});

/**
 * Forces the level and impairs the path as `input` says, all or nothing: every field is checked before
 * either changes (20001 naming the field). What it leaves out stays as it was.
 */
export function setNetwork(engine: Engine, ref: ParticipantRef, input: unknown): NetworkState {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new TwilioError(20001, 'Invalid request: give {"level": 1..5} and/or network conditions');
  const { level, ...rest } = input as { level?: unknown };
  if (level !== undefined && typeof level !== 'number')
    throw new TwilioError(20001, 'Invalid parameter level: give a whole number from 1 to 5');
  const conditions = Object.keys(rest).length > 0 ? checkNetworkConditions(rest) : undefined;
  if (level === undefined && conditions === undefined)
    throw new TwilioError(
      20001,
      'Invalid request: give {"level": 1..5} to force a network quality level, and/or packetLossPercent, latencyMs, jitterMs, bandwidthKbps',
    );
  // The level is checked as it is set, so it goes first: a bad one leaves the conditions untouched.
  if (level !== undefined) engine.setNetworkQualityLevel(ref, level);
  if (conditions !== undefined) engine.setNetworkConditions(ref, conditions);
  return networkState(engine.getParticipant(ref));
}

/** Stops forcing the level and clears the impairment. */
export function clearNetwork(engine: Engine, ref: ParticipantRef): NetworkState {
  engine.setNetworkQualityLevel(ref, null);
  engine.setNetworkConditions(ref, null);
  return networkState(engine.getParticipant(ref));
}

/** A participant whose network a test set, and where it is (`GET /_roomlab/network` lists them). */
export interface ForcedNetwork extends NetworkState {
  accountSid: string;
  roomSid: string;
}

/** Every connected participant with a forced level or an impaired path, room by room. */
export function forcedNetworks(engine: Engine): ForcedNetwork[] {
  const forced: ForcedNetwork[] = [];
  for (const account of engine.accounts())
    for (const room of account.rooms.values())
      for (const participant of room.participants.values()) {
        if (participant.status !== 'connected') continue;
        const state = networkState(participant);
        if (state.level !== null || state.conditions !== null)
          forced.push({ ...state, accountSid: account.sid, roomSid: room.sid });
      }
  return forced;
}
