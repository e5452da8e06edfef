import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import { type RingBuffer, ringBuffer } from '../log/ring-buffer.js';
import { roomSnapshot } from './event-snapshots.js';
import {
  type EngineEvent,
  type EngineEventListener,
  type EngineEventName,
  isStatusCallbackEvent,
} from './events.js';
import type { RoomRecord } from './records.js';

export type EventDetails = Pick<
  EngineEvent,
  | 'participant'
  | 'track'
  | 'subscriber'
  | 'reason'
  | 'departure'
  | 'tracks'
  | 'recording'
  | 'composition'
  | 'secondsRemaining'
  | 'transcript'
  | 'networkConditions'
  | 'switchReason'
>;

/**
 * The engine's ordered event log and its listeners. It keeps the newest `capacity` events (a ring
 * buffer); the global `sequence` keeps counting, so a reader that asks for events after a sequence it
 * saw learns of every newer one that is still kept.
 */
export interface EventLog {
  /** Appends an event about `room` and tells every listener. */
  emit(name: EngineEventName, room: RoomRecord, details?: EventDetails): void;
  events(after?: number): readonly EngineEvent[];
  subscribe(listener: EngineEventListener): () => void;
  readonly sequence: number;
  /** Keeps only the events for which `keep` is true. */
  retain(keep: (event: EngineEvent) => boolean): void;
  /** Replaces the log's events (a restore), keeping the sequence from ever going back. */
  replace(events: readonly EngineEvent[], sequence: number): void;
  dispose(): void;
}

export function createEventLog(options: { clock: Clock; capacity: number; logger: Logger }): EventLog {
  const { clock, logger } = options;
  let log: RingBuffer<EngineEvent> = ringBuffer(options.capacity);
  const listeners = new Set<EngineEventListener>();
  let sequence = 0;

  const tell = (event: EngineEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure must never undo or block the change it was told of; it is reported.
        logger.error(`an event listener failed on ${event.name} (room ${event.room.sid})`, error);
      }
    }
  };

  return {
    emit(name, room, details = {}) {
      sequence += 1;
      const event: EngineEvent = {
        sequence,
        // Twilio numbers the callbacks of a room; changes no callback reports do not take a number.
        roomSequenceNumber: isStatusCallbackEvent(name) ? room.nextSequenceNumber++ : room.nextSequenceNumber,
        name,
        accountSid: room.accountSid,
        timestamp: clock.now(),
        room: roomSnapshot(room),
        ...details,
      };
      log.push(event);
      tell(event);
    },
    events(after = 0) {
      const kept = log.items();
      return after <= 0 ? kept : kept.filter((event) => event.sequence > after);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get sequence() {
      return sequence;
    },
    retain(keep) {
      log.retain(keep);
    },
    replace(events, restoredSequence) {
      log = ringBuffer(options.capacity);
      for (const event of [...events].sort((a, b) => a.sequence - b.sequence)) log.push(event);
      sequence = Math.max(sequence, restoredSequence);
    },
    dispose() {
      listeners.clear();
    },
  };
}
