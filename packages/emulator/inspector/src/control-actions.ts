import { controlCall, query } from './control-api.js';

/**
 * Everything the page can change, each one control API call: the page keeps no state of its own, and
 * learns the outcome from the live stream like any other change.
 */
export const controlActions = {
  completeRoom: (roomSid: string) =>
    controlCall(`rooms/complete?${query({ RoomSid: roomSid })}`, { method: 'POST' }),
  disconnectParticipant: (participantSid: string) =>
    controlCall(`participants/disconnect?${query({ ParticipantSid: participantSid })}`, { method: 'POST' }),
  /** Forces a network quality level on a participant; null stops forcing it (and clears any impairment). */
  forceNetworkLevel: (participantSid: string, level: number | null) =>
    controlCall(`network?${query({ ParticipantSid: participantSid })}`, {
      method: level === null ? 'DELETE' : 'POST',
      ...(level === null ? {} : { body: { level } }),
    }),
  /** A fault as `POST /_roomlab/faults` takes it (the emulator checks it). */
  addFault: (fault: Record<string, unknown>) => controlCall('faults', { method: 'POST', body: fault }),
  removeFault: (id: string) => controlCall(`faults/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  clearFaults: () => controlCall('faults', { method: 'DELETE' }),
  advanceClock: (seconds: number) =>
    controlCall('clock', { method: 'POST', body: { advanceSeconds: seconds } }),
  /** One delivery by its id, or every failed and dropped one. */
  redeliver: (id?: string) =>
    controlCall(`status-callbacks/redeliver?${query({ Id: id })}`, { method: 'POST' }),
};

export type ControlActions = typeof controlActions;
