import { TwilioError } from '../errors.js';
import { isSid } from '../sid.js';
import type { ConnectParticipantOptions, ListParticipantsFilter } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import { roomCompleted } from './engine-errors.js';
import type { ParticipantRef, RoomRef } from './engine-refs.js';
import { participantSnapshot } from './event-snapshots.js';
import { leaveRoom } from './leave.js';
import { inList } from './list-filter.js';
import {
  connectedParticipants,
  findRoom,
  requireParticipant,
  requireParticipantBySid,
  requireRoom,
} from './lookup.js';
import { validateIdentity } from './names.js';
import type { ParticipantRecord, RoomRecord } from './records.js';
import { createRoom } from './rooms.js';
import type { TrackRule } from './rules.js';
import { reconcileSubscriber } from './subscriptions.js';
import { armParticipantTimeout, disarmRoomTimeout } from './timeouts.js';

/** Participants: who joins a room, who is in it, and who leaves. */

/** The in-progress room a participant joins: found, or made for an ad-hoc connect. */
function roomToJoin(context: EngineContext, ref: RoomRef, options: ConnectParticipantOptions): RoomRecord {
  const room = findRoom(context, ref);
  if (room?.status === 'in-progress') return room;
  // Only a SID finds a room that has ended (names are free once their room completes).
  if (room) throw roomCompleted(room);
  if (options.createRoom === false || options.createRoom === undefined)
    throw new TwilioError(53106, `Room not found: no in-progress room "${ref.room}"`);
  if (isSid(ref.room, 'RM')) throw new TwilioError(53106, `Room not found: ${ref.room}`);
  return createRoom(context, ref, { ...options.createRoom, uniqueName: ref.room }, 'ad_hoc');
}

/** Makes room for `identity`: an older participant with it is replaced (53205); a full room refuses. */
function admit(context: EngineContext, room: RoomRecord, identity: string): void {
  const present = connectedParticipants(room);
  const duplicate = present.find((participant) => participant.identity === identity);
  if (duplicate) {
    leaveRoom(context, room, duplicate, new TwilioError(53205));
    return;
  }
  if (present.length >= room.maxParticipants)
    throw new TwilioError(
      53105,
      `Room contains too many Participants: the maximum is ${room.maxParticipants}`,
    );
}

/** Shared by every participant that subscribes to everything (rules are replaced, never changed in place). */
const everything = Object.freeze([Object.freeze({ type: 'include', all: true })]) as TrackRule[];

function subscribeRulesOnJoining(room: RoomRecord, options: ConnectParticipantOptions): TrackRule[] {
  if (room.type === 'peer-to-peer' || room.type === 'go') return everything;
  return options.subscribeRules ? [...options.subscribeRules] : everything;
}

export function connectParticipant(
  context: EngineContext,
  ref: RoomRef,
  options: ConnectParticipantOptions,
): ParticipantRecord {
  validateIdentity(options.identity);
  const room = roomToJoin(context, ref, options);
  admit(context, room, options.identity);
  const now = context.clock.now();
  const participant: ParticipantRecord = {
    sid: context.newSid('PA'),
    roomSid: room.sid,
    accountSid: room.accountSid,
    identity: options.identity,
    status: 'connected',
    dateCreated: now,
    dateUpdated: now,
    startTime: now,
    endTime: null,
    anonymized: false,
    publishedTracks: new Map(),
    subscribedTracks: new Map(),
    subscribeRules: subscribeRulesOnJoining(room, options),
    subscribeRulesDateUpdated: null,
    ...(options.publisher ? { publisher: { ...options.publisher } } : {}),
    ...(options.edgeLocation ? { edgeLocation: options.edgeLocation } : {}),
  };
  room.participants.set(participant.sid, participant);
  room.emptySince = null;
  disarmRoomTimeout(context, room);
  armParticipantTimeout(context, room, participant);
  context.log.emit('participant-connected', room, { participant: participantSnapshot(participant) });
  // The newcomer receives what is already published, under its (default) rules.
  reconcileSubscriber(context, room, participant);
  return participant;
}

export function getParticipant(context: EngineContext, ref: ParticipantRef): ParticipantRecord {
  return requireParticipant(context, ref).participant;
}

export function listParticipants(
  context: EngineContext,
  ref: RoomRef,
  filter: ListParticipantsFilter = {},
): ParticipantRecord[] {
  const room = requireRoom(context, ref);
  // Twilio: connected by default for in-progress rooms; a completed room has only disconnected ones.
  const status = filter.status ?? (room.status === 'in-progress' ? 'connected' : 'disconnected');
  return [...room.participants.values()].filter(
    (participant) =>
      inList(participant, { ...filter, status }) &&
      (filter.identity === undefined || participant.identity === filter.identity),
  );
}

export function disconnectParticipant(
  context: EngineContext,
  ref: ParticipantRef,
  reason?: TwilioError,
): ParticipantRecord {
  const { room, participant } = requireParticipant(context, ref);
  if (participant.status === 'connected') leaveRoom(context, room, participant, reason);
  return participant;
}

export function anonymizeParticipant(context: EngineContext, ref: ParticipantRef): ParticipantRecord {
  const { room, participant } = requireParticipantBySid(context, ref);
  if (participant.status !== 'disconnected')
    throw new TwilioError(
      53209,
      'Participant status is invalid: only a disconnected participant can be anonymized',
    );
  if (participant.anonymized) return participant;
  participant.anonymized = true;
  participant.identity = participant.sid;
  participant.dateUpdated = context.clock.now();
  context.log.emit('participant-anonymized', room, { participant: participantSnapshot(participant) });
  return participant;
}
