import type { Emulator } from '@roomlab/emulator';

/**
 * A group room's dominant speaker, by identity, through roomlab's control API (Twilio has none): for a
 * test of an app's speaker view that cannot make a participant speak. `room` is its RM SID or unique name.
 */
export interface DominantSpeakerHelpers {
  /** The identity of the room's dominant speaker now; null: nobody. */
  dominantSpeaker(room: string): string | null;
  /**
   * Makes a connected participant the room's dominant speaker: every client that asked for it
   * (`dominantSpeaker: true`) is told at once, and it holds until released or the participant leaves.
   */
  forceDominantSpeaker(room: string, identity: string): void;
  /** Back to what roomlab's media server hears: the loudest sustained speaker. */
  releaseDominantSpeaker(room: string): void;
}

export function dominantSpeakerHelpers(emulator: Emulator, accountSid: string): DominantSpeakerHelpers {
  const { control } = emulator;
  return {
    dominantSpeaker: (room) => control.dominantSpeaker({ room, accountSid }).identity,
    forceDominantSpeaker(room, identity) {
      control.setDominantSpeaker({ room, accountSid }, { identity });
    },
    releaseDominantSpeaker(room) {
      control.setDominantSpeaker({ room, accountSid }, null);
    },
  };
}
