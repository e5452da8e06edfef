/**
 * A framework-agnostic store over one `twilio-video` Room: it listens to the SDK's events once, however
 * many readers it has, and keeps an immutable snapshot that changes identity only when something a
 * reader could see has changed. React hooks (and anything else) bind to it with `subscribe` and
 * `getSnapshot`, the contract of `useSyncExternalStore`.
 *
 * It is typed structurally, so it works with the SDK's objects and with test fakes alike.
 */

export interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface ParticipantLike extends EventSource {
  sid: string;
  identity: string;
  state?: string;
}

export interface RoomLike<P extends ParticipantLike = ParticipantLike> extends EventSource {
  sid: string;
  name: string;
  state: string;
  participants: Map<string, P>;
  localParticipant: ParticipantLike;
  dominantSpeaker: P | null;
  isRecording: boolean;
}

/** A Twilio error as the SDK hands it over with `disconnected` and `reconnecting`. */
export interface TwilioErrorLike {
  code: number;
  message: string;
}

export type RoomConnectionState = 'connected' | 'reconnecting' | 'disconnected';

export interface RoomStoreSnapshot<P extends ParticipantLike = ParticipantLike> {
  state: RoomConnectionState;
  /** Why the room is reconnecting or disconnected, when the SDK said. */
  error: TwilioErrorLike | null;
  /** Remote participants in the order they joined; the array changes only when membership does. */
  participants: readonly P[];
  /** SIDs of remote participants whose signaling is reconnecting. */
  reconnectingParticipants: ReadonlySet<string>;
  dominantSpeaker: P | null;
  isRecording: boolean;
  /** Goes up on every event, so readers of mutable SDK objects (tracks, publications) can re-read. */
  version: number;
}

export interface RoomStore<P extends ParticipantLike = ParticipantLike> {
  readonly room: RoomLike<P>;
  getSnapshot(): RoomStoreSnapshot<P>;
  subscribe(listener: () => void): () => void;
}

const roomEvents = [
  'participantConnected',
  'participantDisconnected',
  'participantReconnecting',
  'participantReconnected',
  'dominantSpeakerChanged',
  'recordingStarted',
  'recordingStopped',
  'reconnecting',
  'reconnected',
  'disconnected',
  'trackPublished',
  'trackUnpublished',
  'trackSubscribed',
  'trackUnsubscribed',
  'trackEnabled',
  'trackDisabled',
  'trackSwitchedOff',
  'trackSwitchedOn',
  'trackPublishPriorityChanged',
] as const;

function detach(source: EventSource, event: string, listener: (...args: unknown[]) => void): void {
  if (source.off) source.off(event, listener);
  else source.removeListener?.(event, listener);
}

const stores = new WeakMap<object, RoomStore<ParticipantLike>>();

/** The one store of a room: asking twice for the same room gives the same store. */
export function roomStore<P extends ParticipantLike>(room: RoomLike<P>): RoomStore<P> {
  const existing = stores.get(room);
  if (existing) return existing as unknown as RoomStore<P>;
  const store = createRoomStore(room);
  stores.set(room, store as unknown as RoomStore<ParticipantLike>);
  return store;
}

function createRoomStore<P extends ParticipantLike>(room: RoomLike<P>): RoomStore<P> {
  const listeners = new Set<() => void>();
  let error: TwilioErrorLike | null = null;
  const reconnecting = new Set<string>();
  let snapshot = read(0, []);
  const handlers = new Map<string, (...args: unknown[]) => void>();

  function read(version: number, previous: readonly P[]): RoomStoreSnapshot<P> {
    const current = [...room.participants.values()];
    const sameMembers =
      current.length === previous.length &&
      current.every((participant, index) => participant === previous[index]);
    const state: RoomConnectionState =
      room.state === 'reconnecting' || room.state === 'disconnected' ? room.state : 'connected';
    return {
      state,
      error,
      participants: sameMembers ? previous : current,
      reconnectingParticipants: new Set(reconnecting),
      dominantSpeaker: room.dominantSpeaker,
      isRecording: room.isRecording,
      version,
    };
  }

  const changed = (event: string, ...args: unknown[]) => {
    if (event === 'reconnecting' || event === 'disconnected') {
      const reason = (event === 'disconnected' ? args[1] : args[0]) as TwilioErrorLike | undefined;
      error = reason ?? null;
    }
    if (event === 'reconnected') error = null;
    const participant = args[0] as P | undefined;
    if (event === 'participantReconnecting' && participant) reconnecting.add(participant.sid);
    if ((event === 'participantReconnected' || event === 'participantDisconnected') && participant) {
      reconnecting.delete(participant.sid);
    }
    snapshot = read(snapshot.version + 1, snapshot.participants);
    for (const listener of [...listeners]) listener();
  };

  const attach = () => {
    for (const event of roomEvents) {
      const handler = (...args: unknown[]) => changed(event, ...args);
      handlers.set(event, handler);
      room.on(event, handler);
    }
  };
  const release = () => {
    for (const [event, handler] of handlers) detach(room, event, handler);
    handlers.clear();
  };

  return {
    room,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      if (listeners.size === 0) {
        attach();
        // Events may have come while nobody listened: start from what the room says now.
        snapshot = read(snapshot.version + 1, snapshot.participants);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) release();
      };
    },
  };
}
