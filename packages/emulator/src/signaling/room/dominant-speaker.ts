import type { Engine, EngineEvent, RoomRecord } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';

/**
 * Who is speaking, without listening to audio: the participant who most recently started sending
 * enabled audio, until it stops or leaves; then anyone else with enabled audio; else nobody. Clients
 * learn it from the media server (the `active_speaker` media-signaling feature), so without one there
 * is nobody to tell and nothing is kept.
 */
export interface DominantSpeaker {
  /** An audio track came, went, was muted or unmuted, or its publisher left. */
  changed(event: EngineEvent): void;
  /** The room ended: forget its speaker. */
  roomEnded(roomSid: string): void;
  /** How many rooms have a speaker on record. */
  readonly rooms: number;
}

const hasEnabledAudio = (room: RoomRecord | undefined, participantSid: string | null) => {
  const participant = participantSid === null ? undefined : room?.participants.get(participantSid);
  return (
    participant?.status === 'connected' &&
    [...participant.publishedTracks.values()].some((track) => track.kind === 'audio' && track.enabled)
  );
};

export function dominantSpeaker(engine: Engine, sfu: Sfu | undefined): DominantSpeaker {
  const speakers = new Map<string, string | null>();
  const next = (event: EngineEvent): string | null => {
    const room = engine.findRoom({ accountSid: event.accountSid, room: event.room.sid });
    const current = speakers.get(event.room.sid) ?? null;
    const startedAudio =
      (event.name === 'track-added' || event.name === 'track-enabled') && event.track?.kind === 'audio';
    const candidate = startedAudio ? (event.participant?.sid ?? current) : current;
    if (hasEnabledAudio(room, candidate)) return candidate;
    return [...(room?.participants.keys() ?? [])].find((sid) => hasEnabledAudio(room, sid)) ?? null;
  };
  return {
    changed(event) {
      if (!sfu || !event.participant) return;
      const speaker = next(event);
      speakers.set(event.room.sid, speaker);
      sfu.dominantSpeaker(event.room.sid, speaker);
    },
    roomEnded(roomSid) {
      speakers.delete(roomSid);
    },
    get rooms() {
      return speakers.size;
    },
  };
}
