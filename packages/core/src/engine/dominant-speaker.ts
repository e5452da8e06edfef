import { TwilioError } from '../errors.js';
import type { RoomType } from '../resources.js';
import type { EngineContext } from './engine-context.js';
import { participantNotConnected } from './engine-errors.js';
import type { RoomRef } from './engine-refs.js';
import { participantSnapshot } from './event-snapshots.js';
import { findParticipant, requireInProgressRoom } from './lookup.js';
import type { ParticipantRecord, RoomRecord } from './records.js';

/**
 * A room's dominant speaker: the participant the media server hears as the loudest sustained speaker
 * (see the emulator's speaker detection), unless a test forced another through roomlab's control API.
 * Clients learn it from `dominant-speaker-changed`, emitted whenever the one in effect changes.
 */

/** Twilio's Dominant Speaker API is in group rooms only: peer-to-peer and go rooms have no media server to listen. */
export const dominantSpeakerRoomTypes: readonly RoomType[] = ['group', 'group-small'];

export function hasDominantSpeaker(room: Pick<RoomRecord, 'type'>): boolean {
  return dominantSpeakerRoomTypes.includes(room.type);
}

/** Who names the speaker: the media server, from the audio, or a test (which holds until it lets go). */
export type DominantSpeakerSource = 'detection' | 'test';

export interface DominantSpeakerSetting {
  /** A connected participant's PA SID (or, from a test, its identity); null: nobody / back to detection. */
  participant: string | null;
  source: DominantSpeakerSource;
}

/** The room's dominant speaker now (a PA SID): the one a test forced, else the one detection hears. */
export function dominantSpeakerOf(room: RoomRecord): string | null {
  return room.dominantSpeaker?.forced ?? room.dominantSpeaker?.detected ?? null;
}

/**
 * Sets who detection hears, or who a test forces (null lets go). Detection in a room without the
 * feature is ignored (nothing listens there); a test's is refused with 20001.
 */
export function setDominantSpeaker(
  context: EngineContext,
  ref: RoomRef,
  { participant, source }: DominantSpeakerSetting,
): RoomRecord {
  const room = requireInProgressRoom(context, ref);
  if (!hasDominantSpeaker(room)) {
    if (source === 'detection') return room;
    throw new TwilioError(
      20001,
      `Invalid RoomSid: room ${room.sid} is a ${room.type} room, which has no dominant speaker (group rooms have)`,
    );
  }
  const sid = participant === null ? null : requireConnectedIn(room, participant).sid;
  const before = dominantSpeakerOf(room);
  const current = room.dominantSpeaker ?? { detected: null, forced: null };
  room.dominantSpeaker = source === 'detection' ? { ...current, detected: sid } : { ...current, forced: sid };
  announce(context, room, before);
  return room;
}

/** A participant left: it is heard no more, and a test's choice of it ends with it. */
export function dominantSpeakerLeft(
  context: EngineContext,
  room: RoomRecord,
  participant: ParticipantRecord,
): void {
  const current = room.dominantSpeaker;
  if (!current) return;
  const before = dominantSpeakerOf(room);
  const unless = (sid: string | null) => (sid === participant.sid ? null : sid);
  room.dominantSpeaker = { detected: unless(current.detected), forced: unless(current.forced) };
  announce(context, room, before);
}

function requireConnectedIn(room: RoomRecord, participant: string): ParticipantRecord {
  const found = findParticipant(room, participant);
  if (found?.status !== 'connected') throw participantNotConnected(room, participant);
  return found;
}

function announce(context: EngineContext, room: RoomRecord, before: string | null): void {
  const now = dominantSpeakerOf(room);
  if (now === before) return;
  const speaker = now === null ? undefined : room.participants.get(now);
  context.log.emit(
    'dominant-speaker-changed',
    room,
    speaker ? { participant: participantSnapshot(speaker) } : {},
  );
}
