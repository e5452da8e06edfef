import type { ParticipantLike, RoomConnectionState, TwilioErrorLike } from '@roomlab/core';
import { useRoom } from './room-context.js';
import { screenShareTrackName } from './screen-share-hooks.js';
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

/** The local participant of the room, or null while there is no room. */
export function useLocalParticipant<L extends ParticipantLike = ParticipantLike>(): L | null {
  return (useRoom()?.localParticipant ?? null) as L | null;
}

interface WithTrackNames {
  tracks?: Map<string, { trackName?: string }>;
}

const sharesScreen = (participant: ParticipantLike) =>
  [...((participant as WithTrackNames).tracks?.values() ?? [])].some(
    (publication) => publication.trackName === screenShareTrackName,
  );

/** The remote participant sharing a screen (a track named `screen`, as `useScreenShareToggle` publishes), or null. */
export function useScreenShareParticipant<P extends ParticipantLike = ParticipantLike>(): P | null {
  return useRoomSnapshot<P | null, P>((snapshot) => snapshot.participants.find(sharesScreen) ?? null, null);
}

/**
 * Who the big tile shows, as Twilio's reference app chooses: the participant the user `selected`,
 * else whoever shares a screen, else the dominant speaker, else the first remote participant, else
 * the local participant.
 */
export function useMainParticipant<P extends ParticipantLike = ParticipantLike>(
  selected: P | null = null,
): P | null {
  const sharing = useScreenShareParticipant<P>();
  const speaker = useDominantSpeaker<P>();
  const [first] = useParticipants<P>();
  const local = useLocalParticipant<P>();
  return selected ?? sharing ?? speaker ?? first ?? local;
}
