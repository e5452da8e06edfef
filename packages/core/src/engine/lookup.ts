import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import {
  accountNotFound,
  participantNotConnected,
  participantNotFound,
  roomCompleted,
  roomNotFound,
} from './engine-errors.js';
import type { AccountRef, ParticipantRef, RoomRef, TrackRef } from './engine-refs.js';
import type { AccountRecord, ParticipantRecord, RoomRecord } from './records.js';

/** Finding records from references: the engine's reads, none of which changes anything. */

export function requireAccount(context: EngineContext, { accountSid }: AccountRef): AccountRecord {
  const account = context.accounts.get(accountSid);
  if (!account) throw accountNotFound(accountSid);
  return account;
}

/** A room by SID, or an in-progress room by unique name. */
export function findRoom(context: EngineContext, ref: RoomRef): RoomRecord | undefined {
  const account = context.accounts.get(ref.accountSid);
  return account?.rooms.get(ref.room) ?? account?.inProgressRoomsByName.get(ref.room);
}

export function requireRoom(context: EngineContext, ref: RoomRef): RoomRecord {
  const room = findRoom(context, ref);
  if (!room) throw roomNotFound(ref.room);
  return room;
}

export function requireInProgressRoom(context: EngineContext, ref: RoomRef): RoomRecord {
  const room = requireRoom(context, ref);
  if (room.status !== 'in-progress') throw roomCompleted(room);
  return room;
}

export function connectedParticipants(room: RoomRecord): ParticipantRecord[] {
  return [...room.participants.values()].filter((participant) => participant.status === 'connected');
}

/** A participant by PA SID, or a connected participant by identity (as Twilio's REST finds them). */
export function findParticipant(room: RoomRecord, sidOrIdentity: string): ParticipantRecord | undefined {
  const bySid = room.participants.get(sidOrIdentity);
  if (bySid) return bySid;
  return connectedParticipants(room).find((participant) => participant.identity === sidOrIdentity);
}

/** A participant by SID or identity; 20404 when there is none. */
export function requireParticipant(context: EngineContext, ref: ParticipantRef) {
  const room = requireRoom(context, ref);
  const participant = findParticipant(room, ref.participant);
  if (!participant) throw participantNotFound(room, ref.participant);
  return { room, participant };
}

/** A participant by PA SID only; 20404 when there is none. */
export function requireParticipantBySid(context: EngineContext, ref: ParticipantRef) {
  const room = requireRoom(context, ref);
  const participant = room.participants.get(ref.participant);
  if (!participant) throw participantNotFound(room, ref.participant);
  return { room, participant };
}

/** A participant (by PA SID) connected to an in-progress room: who may publish and change tracks. */
export function requireConnected(context: EngineContext, ref: ParticipantRef) {
  const room = requireInProgressRoom(context, ref);
  const participant = room.participants.get(ref.participant);
  if (participant?.status !== 'connected') throw participantNotConnected(room, ref.participant);
  return { room, participant };
}

export function requireTrack(context: EngineContext, ref: TrackRef) {
  const { room, participant } = requireConnected(context, ref);
  const track = participant.publishedTracks.get(ref.track);
  if (!track)
    throw new TwilioError(20404, `Track ${ref.track} is not published by participant ${participant.sid}`);
  return { room, participant, track };
}
