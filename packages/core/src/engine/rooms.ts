import { TwilioError } from '../errors.js';
import type { RoomStatus } from '../resources.js';
import { runCompositionHooks } from './composition-hook-runs.js';
import type { ListRoomsFilter } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import { roomCompleted } from './engine-errors.js';
import type { AccountRef, RoomRef } from './engine-refs.js';
import { leaveRoom } from './leave.js';
import { inList } from './list-filter.js';
import { requireAccount, requireRoom } from './lookup.js';
import type { RoomCreatedMethod, RoomEndReason, RoomRecord } from './records.js';
import { dropExpiredRooms } from './retention.js';
import { type CreateRoomOptions, resolveRoomSettings } from './room-options.js';
import { armRoomTimeout, disarmRoomTimeout } from './timeouts.js';
import { addTranscription, endTranscriptions, transcriptionsOnConnect } from './transcriptions.js';

/** Rooms: created by REST or an ad-hoc connect, listed, and ended (completed or timed out). */

export function createRoom(
  context: EngineContext,
  ref: AccountRef,
  options: CreateRoomOptions = {},
  createdMethod: RoomCreatedMethod = 'api',
): RoomRecord {
  const account = requireAccount(context, ref);
  const settings = resolveRoomSettings(options);
  const transcribeWith = transcriptionsOnConnect(options);
  if (settings.uniqueName !== undefined && account.inProgressRoomsByName.has(settings.uniqueName))
    throw new TwilioError(
      53113,
      `Room exists: an in-progress room named "${settings.uniqueName}" already exists`,
    );
  const now = context.clock.now();
  const sid = context.newSid('RM');
  // Every field named, not spread from the settings: an object built by rest-and-spread took three
  // times as long to make here and 70% more memory to keep (measured in bench/README.md).
  const room: RoomRecord = {
    type: settings.type,
    statusCallback: settings.statusCallback,
    statusCallbackMethod: settings.statusCallbackMethod,
    maxParticipants: settings.maxParticipants,
    maxParticipantDuration: settings.maxParticipantDuration,
    maxConcurrentPublishedTracks: settings.maxConcurrentPublishedTracks,
    recordParticipantsOnConnect: settings.recordParticipantsOnConnect,
    videoCodecs: settings.videoCodecs,
    mediaRegion: settings.mediaRegion,
    audioOnly: settings.audioOnly,
    emptyRoomTimeout: settings.emptyRoomTimeout,
    unusedRoomTimeout: settings.unusedRoomTimeout,
    largeRoom: settings.largeRoom,
    recordingRules: settings.recordingRules,
    sid,
    accountSid: account.sid,
    uniqueName: settings.uniqueName ?? sid,
    status: 'in-progress',
    dateCreated: now,
    dateUpdated: now,
    endTime: null,
    recordingRulesDateUpdated: now,
    participants: new Map(),
    emptySince: null,
    nextSequenceNumber: 0,
    transcriptions: new Map(),
    createdMethod,
  };
  if (transcribeWith) addTranscription(context, room, transcribeWith);
  account.rooms.set(sid, room);
  account.inProgressRoomsByName.set(room.uniqueName, room);
  armRoomTimeout(context, room);
  context.log.emit('room-created', room);
  return room;
}

export function listRooms(
  context: EngineContext,
  ref: AccountRef,
  filter: ListRoomsFilter = {},
): RoomRecord[] {
  const account = requireAccount(context, ref);
  const chosen = { ...filter, status: filter.status ?? 'in-progress' };
  // Newest first, as Twilio lists rooms.
  return [...account.rooms.values()]
    .filter(
      (room) =>
        inList(room, chosen) && (filter.uniqueName === undefined || room.uniqueName === filter.uniqueName),
    )
    .reverse();
}

/** Ends an in-progress room: everyone still in it is disconnected for `reason`. */
export function endRoom(
  context: EngineContext,
  room: RoomRecord,
  ending: { status: Exclude<RoomStatus, 'in-progress'>; endReason: RoomEndReason; reason: TwilioError },
): void {
  const { status, endReason, reason } = ending;
  for (const participant of room.participants.values()) {
    if (participant.status === 'connected') leaveRoom(context, room, participant, reason);
  }
  endTranscriptions(context, room);
  const now = context.clock.now();
  room.status = status;
  room.endTime = now;
  room.endReason = endReason;
  room.dateUpdated = now;
  disarmRoomTimeout(context, room);
  const account = context.accounts.get(room.accountSid);
  if (account?.inProgressRoomsByName.get(room.uniqueName) === room)
    account.inProgressRoomsByName.delete(room.uniqueName);
  context.log.emit('room-ended', room, { reason: { code: reason.code, message: reason.message } });
  runCompositionHooks(context, room);
  if (account) dropExpiredRooms(context, account);
}

export function completeRoom(context: EngineContext, ref: RoomRef): RoomRecord {
  const room = requireRoom(context, ref);
  if (room.status !== 'in-progress') throw roomCompleted(room);
  endRoom(context, room, {
    status: 'completed',
    endReason: 'room_ended_via_api',
    reason: new TwilioError(53118, 'Room completed'),
  });
  return room;
}
