import { dominantSpeakerOf, type Engine, type RoomRecord, TwilioError } from '@roomlab/core';
import { type NamedRoom, roomRefOf } from './account-of-room.js';

/**
 * roomlab's control of a group room's dominant speaker, for tests: read who it is, force one (every
 * client that asked for the dominant speaker is told at once), and let go, back to what the media
 * server hears. Twilio has no such thing: it only listens.
 */

/** A room by RM SID (its account found from it), or by unique name within `accountSid`. */
export type DominantSpeakerRoom = NamedRoom;

/** Whom a test makes the dominant speaker: a connected participant of the room. */
export type SpeakerChoice = { participantSid: string } | { identity: string };

export interface DominantSpeakerState {
  roomSid: string;
  /** The dominant speaker now (null: nobody). */
  participantSid: string | null;
  identity: string | null;
  /** Whether a test forced it (true) or the media server heard it (false). */
  forced: boolean;
}

export function readDominantSpeaker(engine: Engine, room: DominantSpeakerRoom): DominantSpeakerState {
  return stateOf(engine.getRoom(roomRefOf(engine, room)));
}

/** Forces `speaker`, or with null lets go; 20001 names the field of a choice that is not connected. */
export function forceDominantSpeaker(
  engine: Engine,
  room: DominantSpeakerRoom,
  speaker: SpeakerChoice | null,
): DominantSpeakerState {
  const ref = roomRefOf(engine, room);
  const participant = speaker === null ? null : connectedChoice(engine.getRoom(ref), speaker);
  return stateOf(engine.setDominantSpeaker(ref, { participant, source: 'test' }));
}

/** The control route's JSON body as a choice: `{"participantSid": "PA..."}` or `{"identity": "..."}`. */
export function speakerChoiceOf(body: unknown): SpeakerChoice {
  const { participantSid, identity } = (body ?? {}) as { participantSid?: unknown; identity?: unknown };
  if (typeof participantSid === 'string' && identity === undefined) return { participantSid };
  if (typeof identity === 'string' && participantSid === undefined) return { identity };
  throw new TwilioError(
    20001,
    'Invalid participantSid: give {"participantSid": "PA..."} (or {"identity": "..."}) of a connected participant',
  );
}

function connectedChoice(room: RoomRecord, choice: SpeakerChoice): string {
  const [field, value] =
    'participantSid' in choice ? ['participantSid', choice.participantSid] : ['identity', choice.identity];
  const connected = [...room.participants.values()].filter((p) => p.status === 'connected');
  const participant = connected.find((p) => (field === 'participantSid' ? p.sid : p.identity) === value);
  if (!participant)
    throw new TwilioError(
      20001,
      `Invalid ${field}: ${value.slice(0, 64)} is not a participant connected to room ${room.sid}`,
    );
  return participant.sid;
}

function stateOf(room: RoomRecord): DominantSpeakerState {
  const sid = dominantSpeakerOf(room);
  return {
    roomSid: room.sid,
    participantSid: sid,
    identity: sid === null ? null : (room.participants.get(sid)?.identity ?? null),
    forced: sid !== null && room.dominantSpeaker?.forced === sid,
  };
}
