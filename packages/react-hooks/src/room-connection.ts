import type { RoomLike, TwilioErrorLike } from '@roomlab/core';

/**
 * Shared connections to rooms, counted by their users: a component that mounts, unmounts and mounts
 * again at once (StrictMode) reuses the connection it started, and the room is left only when the
 * last user has been gone for a short grace period.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface RoomConnection<R extends RoomLike = RoomLike> {
  state: ConnectionState;
  room: R | null;
  error: TwilioErrorLike | null;
}

export type Connect<R extends RoomLike> = (
  token: string,
  options: { name?: string } & Record<string, unknown>,
) => Promise<R>;

interface Entry {
  users: number;
  value: RoomConnection<RoomLike>;
  listeners: Set<() => void>;
  leave?: ReturnType<typeof setTimeout>;
  disconnect(): void;
}

const entries = new Map<string, Entry>();
/** How long a connection outlives its last user, to ride out StrictMode's unmount and remount. */
export const connectionGraceMs = 250;

export function connectionKey(token: string, name: string | undefined): string {
  return `${name ?? ''}\u0000${token}`;
}

/** Starts (or joins) the connection for a key; returns how to read it and how to let go of it. */
export function acquireConnection<R extends RoomLike>(
  key: string,
  start: () => Promise<R>,
): { entry: { get(): RoomConnection<R>; subscribe(listener: () => void): () => void }; release(): void } {
  let entry = entries.get(key);
  if (!entry) {
    const created: Entry = {
      users: 0,
      value: { state: 'connecting', room: null, error: null },
      listeners: new Set(),
      disconnect: () => undefined,
    };
    const set = (value: RoomConnection<RoomLike>) => {
      created.value = value;
      for (const listener of [...created.listeners]) listener();
    };
    let abandoned = false;
    created.disconnect = () => {
      abandoned = true;
      const room = created.value.room as (RoomLike & { disconnect?(): void }) | null;
      room?.disconnect?.();
    };
    start().then(
      (room) => {
        if (abandoned) {
          (room as RoomLike & { disconnect?(): void }).disconnect?.();
          return;
        }
        set({ state: 'connected', room, error: null });
        room.on('reconnecting', (...args: unknown[]) =>
          set({ state: 'reconnecting', room, error: (args[0] as TwilioErrorLike) ?? null }),
        );
        room.on('reconnected', () => set({ state: 'connected', room, error: null }));
        room.on('disconnected', (...args: unknown[]) =>
          set({ state: 'disconnected', room, error: (args[1] as TwilioErrorLike) ?? null }),
        );
      },
      (error: TwilioErrorLike) => set({ state: 'disconnected', room: null, error }),
    );
    entries.set(key, created);
    entry = created;
  }
  const held = entry;
  if (held.leave) clearTimeout(held.leave);
  held.leave = undefined;
  held.users += 1;
  let released = false;
  return {
    entry: {
      get: () => held.value as RoomConnection<R>,
      subscribe(listener) {
        held.listeners.add(listener);
        return () => held.listeners.delete(listener);
      },
    },
    release() {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users > 0) return;
      held.leave = setTimeout(() => {
        if (held.users > 0) return;
        entries.delete(key);
        held.disconnect();
      }, connectionGraceMs);
    },
  };
}
