import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRecord } from './records.js';

/**
 * How long the engine keeps ended rooms (a roomlab extension: Twilio keeps every room for good). Each
 * account keeps its newest `completedRoomsPerAccount` ended (completed or failed) rooms; older ones are
 * dropped with their participants, tracks and transcriptions, and are 20404 from then on. A room whose
 * recordings or compositions still exist (any not deleted) is kept as long as they are: they refer to it,
 * and their media stays downloadable.
 */
export interface RoomRetention {
  completedRoomsPerAccount: number;
}

/** Large enough that a test suite never sees a room go; a soak's memory stays bounded. */
export const defaultRoomRetention: RoomRetention = { completedRoomsPerAccount: 10_000 };

/** A retention as given (JSON from the control API, a CLI flag): 20001 when it is not one. */
export function checkRetention(input: unknown): RoomRetention {
  const kept = (input as Partial<RoomRetention> | null)?.completedRoomsPerAccount;
  if (typeof kept !== 'number' || !Number.isSafeInteger(kept) || kept < 0)
    throw new TwilioError(
      20001,
      `Invalid retention: completedRoomsPerAccount must be a whole number of 0 or more, not ${JSON.stringify(kept)}`,
    );
  return { completedRoomsPerAccount: kept };
}

/** The rooms of the account that recordings or compositions (not deleted) still refer to. */
function roomsWithMedia(account: AccountRecord): Set<string> {
  const rooms = new Set<string>();
  for (const recording of account.recordings.values())
    if (recording.status !== 'deleted') rooms.add(recording.roomSid);
  for (const composition of account.compositions.values())
    if (composition.status !== 'deleted') rooms.add(composition.roomSid);
  return rooms;
}

/** Drops the account's oldest ended rooms beyond what the retention keeps. */
export function dropExpiredRooms(context: EngineContext, account: AccountRecord): void {
  // Every in-progress room is in the by-name index, so the rest have ended.
  let excess =
    account.rooms.size - account.inProgressRoomsByName.size - context.retention.completedRoomsPerAccount;
  if (excess <= 0) return;
  const needed = roomsWithMedia(account);
  // Oldest first: rooms are kept in the order they were created.
  for (const room of account.rooms.values()) {
    if (excess <= 0) return;
    if (room.status === 'in-progress' || needed.has(room.sid)) continue;
    account.rooms.delete(room.sid);
    excess -= 1;
  }
}

export function setRetention(context: EngineContext, retention: RoomRetention): void {
  context.retention = checkRetention(retention);
  for (const account of context.accounts.values()) dropExpiredRooms(context, account);
}
