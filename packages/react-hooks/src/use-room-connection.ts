import type { RoomLike } from '@roomlab/core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { acquireConnection, type Connect, connectionKey, type RoomConnection } from './room-connection.js';

const idle: RoomConnection = { state: 'disconnected', room: null, error: null };
const noSubscription = () => () => {};

/**
 * Connects to a room while the component is mounted (with `token` set), and leaves it after:
 * `{ state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected', room, error }`. Pass the SDK's
 * `connect` (e.g. `Twilio.Video.connect`) and its options (`name`, `wsServer` for roomlab, tracks...).
 * StrictMode's double mount makes one connection, not two.
 */
export function useRoomConnection<R extends RoomLike>(
  connect: Connect<R>,
  token: string | null | undefined,
  options: { name?: string } & Record<string, unknown> = {},
): RoomConnection<R> {
  const [handle, setHandle] = useState<ReturnType<typeof acquireConnection<R>> | null>(null);
  const key = token ? connectionKey(token, options.name) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a connection is keyed by token and room name; other options apply when it starts
  useEffect(() => {
    if (!key || !token) {
      setHandle(null);
      return;
    }
    const acquired = acquireConnection(key, () => connect(token, options));
    setHandle(acquired);
    return () => acquired.release();
  }, [key]);
  const subscribe = handle ? handle.entry.subscribe : noSubscription;
  const read = handle ? handle.entry.get : () => idle as RoomConnection<R>;
  const value = useSyncExternalStore(subscribe, read, () => idle as RoomConnection<R>);
  if (key && !handle) return { state: 'connecting', room: null, error: null };
  return value;
}
