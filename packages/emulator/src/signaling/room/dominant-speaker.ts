import {
  type Engine,
  type EngineEvent,
  type EngineEventName,
  hasDominantSpeaker,
  type Logger,
} from '@roomlab/core';
import { audioLevelOf } from '../media/audio-level.js';
import type { Sfu } from '../media/sfu.js';
import { createSpeakerDetector, type SpeakerDetector } from '../media/speaker-detector.js';

/**
 * The dominant speaker, as Twilio's media servers find it: every audio track published in a group room
 * is tapped at the SFU, the level of each of its packets (RFC 6464) goes to its room's detector (see
 * speaker-detector.ts), and the detector's choice goes to the engine, the one truth, which a test may
 * overrule. Whenever the engine's speaker changes, the SFU tells the room's clients that asked for it
 * (`active_speaker`). Without a media server there is no audio to hear and nobody to tell.
 */
export interface DominantSpeaker {
  /** Engine events that start or stop listening: audio tracks coming and going, participants leaving. */
  readonly listensTo: readonly EngineEventName[];
  listen(event: EngineEvent): void;
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

/** One room being listened to: its detector, and the release of each audio track's tap. */
interface Listening {
  detector: SpeakerDetector;
  taps: Map<string, () => void>;
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
  const report = (event: EngineEvent, speaker: string | null) =>
    queueMicrotask(() => {
      try {
        engine.setDominantSpeaker(
          { accountSid: event.accountSid, room: event.room.sid },
          { participant: speaker, source: 'detection' },
        );
      } catch (error) {
        logger.error(`the dominant speaker detected in room ${event.room.sid} could not be set`, error);
      }
    });

  const tap = (event: EngineEvent, trackSid: string, participantSid: string) => {
    const listening = rooms.get(event.room.sid) ?? { detector: createSpeakerDetector(), taps: new Map() };
    rooms.set(event.room.sid, listening);
    const { detector } = listening;
    const release = sfu?.tapTrack(trackSid, (_rtp, _codec, extensions) => {
      const level = audioLevelOf(extensions);
      if (level === undefined) return;
      const before = detector.speaker;
      detector.heard(participantSid, level, now());
      if (detector.speaker !== before) report(event, detector.speaker);
    });
    if (release) listening.taps.set(trackSid, release);
  };

  const untap = (roomSid: string, trackSid: string) => {
    const listening = rooms.get(roomSid);
    listening?.taps.get(trackSid)?.();
    listening?.taps.delete(trackSid);
  };

  const stopListening = (roomSid: string) => {
    for (const release of rooms.get(roomSid)?.taps.values() ?? []) release();
    rooms.delete(roomSid);
  };

  return {
    listensTo: ['track-added', 'track-removed', 'participant-disconnected'],
    listen(event) {
      const { participant, track } = event;
      if (!sfu || !participant || !hasDominantSpeaker(event.room)) return;
      if (event.name === 'track-added' && track?.kind === 'audio') tap(event, track.sid, participant.sid);
      if (event.name === 'track-removed' && track) untap(event.room.sid, track.sid);
      if (event.name === 'participant-disconnected')
        rooms.get(event.room.sid)?.detector.forget(participant.sid);
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
