import {
  type Engine,
  type EngineEvent,
  type EngineEventName,
  hasDominantSpeaker,
  type Logger,
  type ParticipantRef,
  type RoomRef,
} from '@roomlab/core';
import { audioLevelOf } from '../media/audio-level.js';
import type { Sfu } from '../media/sfu.js';
import { createSpeakerDetector, type SpeakerDetector } from '../media/speaker-detector.js';

/**
 * The dominant speaker, as Twilio's media servers find it: every audio track of a group room whose
 * media reaches the SFU is tapped there, the level of each of its packets (RFC 6464) goes to its room's
 * detector (see speaker-detector.ts), and the detector's choice goes to the engine, the one truth, which
 * a test may overrule. Whenever the engine's speaker changes, the SFU tells the room's clients that
 * asked for it (`active_speaker`). Without a media server there is no audio to hear and nobody to tell.
 *
 * A room's detector and taps exist only while some of its audio reaches the SFU: a room seeded or
 * driven through REST alone, with no media, costs nothing here.
 */
export interface DominantSpeaker {
  /** Engine events that stop listening: audio tracks going, participants leaving. */
  readonly listensTo: readonly EngineEventName[];
  listen(event: EngineEvent): void;
  /** A participant's track reached the SFU: an audio track of a group room is listened to from now. */
  mediaArrived(ref: ParticipantRef, trackSid: string, kind: 'audio' | 'video'): void;
  /** The engine's dominant speaker changed (`dominant-speaker-changed`): the room's clients are told. */
  tell(event: EngineEvent): void;
  /** The room ended: stop listening to it. */
  roomEnded(roomSid: string): void;
  /** How many rooms are listened to. */
  readonly rooms: number;
  /** Stops listening everywhere. */
  close(): void;
}

export interface DominantSpeakerOptions {
  engine: Engine;
  sfu: Sfu | undefined;
  logger: Logger;
  /** Milliseconds on a steady clock, for the detectors (default `performance.now`). */
  now?: () => number;
}

/** One audio track listened to: whose it is, and the release of its tap. */
interface Tap {
  participantSid: string;
  release(): void;
}

/** One room being listened to: its detector, and the taps on its audio tracks by track SID. */
interface Listening {
  detector: SpeakerDetector;
  taps: Map<string, Tap>;
}

export function dominantSpeaker({
  engine,
  sfu,
  logger,
  now = () => performance.now(),
}: DominantSpeakerOptions): DominantSpeaker {
  const rooms = new Map<string, Listening>();

  // Out of the media server's packet handling: what the engine's change sets off (clients told over
  // data channels) runs after werift has finished with the packet.
  const report = (room: RoomRef, speaker: string | null) =>
    queueMicrotask(() => {
      try {
        engine.setDominantSpeaker(room, { participant: speaker, source: 'detection' });
      } catch (error) {
        logger.error(`the dominant speaker detected in room ${room.room} could not be set`, error);
      }
    });

  const tap = (sfu: Sfu, ref: ParticipantRef, trackSid: string) => {
    const listening = rooms.get(ref.room) ?? { detector: createSpeakerDetector(), taps: new Map() };
    rooms.set(ref.room, listening);
    const { detector } = listening;
    // Media arrives again for the same track when its publisher's connection is renewed.
    listening.taps.get(trackSid)?.release();
    const release = sfu.tapTrack(trackSid, (_rtp, _codec, extensions) => {
      const level = audioLevelOf(extensions);
      if (level === undefined) return;
      const before = detector.speaker;
      detector.heard(ref.participant, level, now());
      if (detector.speaker !== before) report(ref, detector.speaker);
    });
    listening.taps.set(trackSid, { participantSid: ref.participant, release });
  };

  /** Releases the taps `which` picks; a room left with none is forgotten, detector and all. */
  const untap = (roomSid: string, which: (trackSid: string, tap: Tap) => boolean) => {
    const listening = rooms.get(roomSid);
    if (!listening) return;
    for (const [trackSid, entry] of [...listening.taps]) {
      if (!which(trackSid, entry)) continue;
      entry.release();
      listening.taps.delete(trackSid);
    }
    if (listening.taps.size === 0) rooms.delete(roomSid);
  };

  const stopListening = (roomSid: string) => untap(roomSid, () => true);

  return {
    listensTo: ['track-removed', 'participant-disconnected'],
    listen(event) {
      const { participant, track } = event;
      if (!participant) return;
      if (event.name === 'track-removed' && track)
        untap(event.room.sid, (trackSid) => trackSid === track.sid);
      if (event.name === 'participant-disconnected') {
        rooms.get(event.room.sid)?.detector.forget(participant.sid);
        untap(event.room.sid, (_, entry) => entry.participantSid === participant.sid);
      }
    },
    mediaArrived(ref, trackSid, kind) {
      const room = engine.findRoom(ref);
      if (!sfu || kind !== 'audio' || room?.status !== 'in-progress' || !hasDominantSpeaker(room)) return;
      tap(sfu, { accountSid: ref.accountSid, room: room.sid, participant: ref.participant }, trackSid);
    },
    tell(event) {
      sfu?.dominantSpeaker(event.room.sid, event.participant?.sid ?? null);
    },
    roomEnded: stopListening,
    get rooms() {
      return rooms.size;
    },
    close() {
      for (const roomSid of [...rooms.keys()]) stopListening(roomSid);
    },
  };
}
