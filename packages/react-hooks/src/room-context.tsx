import { type RoomLike, roomStore } from '@roomlab/core';
import { createContext, type ReactNode, useContext } from 'react';

const RoomContext = createContext<RoomLike | null>(null);

/** Makes a connected `twilio-video` Room (or null while there is none) available to the hooks below. */
export function RoomProvider({ room, children }: { room: RoomLike | null; children?: ReactNode }) {
  if (room) roomStore(room);
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}

/** The Room of the nearest `RoomProvider`, or null. */
export function useRoom<R extends RoomLike = RoomLike>(): R | null {
  return useContext(RoomContext) as R | null;
}
