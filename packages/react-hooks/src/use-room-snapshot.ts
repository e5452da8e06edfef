import { type ParticipantLike, type RoomStoreSnapshot, roomStore } from '@roomlab/core';
import { useCallback, useSyncExternalStore } from 'react';
import { useRoom } from './room-context.js';

const noRoom = () => () => {};

/**
 * Reads one slice of the room's store. The selector must return something the snapshot already holds
 * (or a primitive), so React sees the same value until it changes: no tearing, no extra renders.
 * Without a room it gives `fallback`, on the server too.
 */
export function useRoomSnapshot<T, P extends ParticipantLike = ParticipantLike>(
  select: (snapshot: RoomStoreSnapshot<P>) => T,
  fallback: T,
): T {
  const room = useRoom();
  const store = room ? roomStore(room) : null;
  const subscribe = useCallback(
    (listener: () => void) => (store ? store.subscribe(listener) : noRoom()),
    [store],
  );
  const read = () => (store ? select(store.getSnapshot() as unknown as RoomStoreSnapshot<P>) : fallback);
  return useSyncExternalStore(subscribe, read, () => fallback);
}
