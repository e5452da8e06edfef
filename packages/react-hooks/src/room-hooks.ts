import type { ParticipantLike, RoomConnectionState, TwilioErrorLike } from '@roomlab/core';
import { useRoomSnapshot } from './use-room-snapshot.js';

const nobody: readonly never[] = [];

/** `connected`, `reconnecting` or `disconnected` (also when there is no room). */
export function useRoomState(): RoomConnectionState {
  return useRoomSnapshot((snapshot) => snapshot.state, 'disconnected');
}

/** Why the room is reconnecting or disconnected (e.g. 53118 when the room was completed), or null. */
export function useRoomError(): TwilioErrorLike | null {
  return useRoomSnapshot((snapshot) => snapshot.error, null);
}

/** Remote participants in the order they joined; the same array until someone joins or leaves. */
export function useParticipants<P extends ParticipantLike = ParticipantLike>(): readonly P[] {
  return useRoomSnapshot<readonly P[], P>((snapshot) => snapshot.participants, nobody);
}

/** The remote participant speaking loudest now, or null. */
export function useDominantSpeaker<P extends ParticipantLike = ParticipantLike>(): P | null {
  return useRoomSnapshot<P | null, P>((snapshot) => snapshot.dominantSpeaker, null);
}

/** Whether the room is being recorded. */
export function useIsRecording(): boolean {
  return useRoomSnapshot((snapshot) => snapshot.isRecording, false);
}

/** Whether a remote participant's connection is reconnecting. */
export function useIsParticipantReconnecting(participant: ParticipantLike | null): boolean {
  return useRoomSnapshot(
    (snapshot) => (participant ? snapshot.reconnectingParticipants.has(participant.sid) : false),
    false,
  );
}
