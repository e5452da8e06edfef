import { type Engine, type RoomRef, TwilioError } from '@roomlab/core';

/** The account holding a room named by SID, when the caller did not say which. */
export function accountOfRoom(engine: Engine, room: string): string {
  const account = engine.accounts().find((candidate) => candidate.rooms.has(room));
  if (account) return account.sid;
  // Only a name that is not a room SID may have been meant as a unique name.
  const hint = /^RM[0-9a-f]{32}$/.test(room) ? '' : ' (to name a room by its unique name, give AccountSid)';
  throw new TwilioError(20404, `Room ${room.slice(0, 64)} was not found${hint}`);
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
