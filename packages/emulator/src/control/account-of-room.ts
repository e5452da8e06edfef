import { type Engine, type RoomRef, TwilioError } from '@roomlab/core';

/** The account holding a room named by SID, when the caller did not say which. */
export function accountOfRoom(engine: Engine, room: string): string {
  const account = engine.accounts().find((candidate) => candidate.rooms.has(room));
  if (!account)
    throw new TwilioError(
      20404,
      `Room ${room.slice(0, 64)} was not found (to name a room by its unique name, give AccountSid)`,
    );
  return account.sid;
}

/** A room as a control route names it: an RM SID in any account, or a unique name with `AccountSid`. */
export interface NamedRoom {
  room: string;
  accountSid?: string;
}

export const roomRefOf = (engine: Engine, { room, accountSid }: NamedRoom): RoomRef => ({
  accountSid: accountSid ?? accountOfRoom(engine, room),
  room,
});
