import type { Engine, EngineEvent } from '@roomlab/core';
import { updateJson } from './room-state-messages.js';
import type { Sessions } from './sessions.js';

/** What clients are told of a room's recording: the SDK's `room.isRecording`, under a revision. */
export interface RecordingState {
  revision: number;
  is_recording: boolean;
}

export interface RoomRecordingStates {
  /** The room's recording state as a client learns it on `connected` or `synced`. */
  of(roomSid: string, accountSid: string): RecordingState;
  /** A track started or stopped being recorded: when the room's state changed, its clients hear it. */
  changed(event: EngineEvent): void;
  roomEnded(roomSid: string): void;
  /** How many rooms have a state on record. */
  readonly rooms: number;
}

/**
 * Each room's `recording` state. The SDK applies only a newer revision and fires `recordingStarted` or
 * `recordingStopped` on each, so an update goes out only when `is_recording` really changed (a second
 * recorded track, or one of two stopping, says nothing).
 */
export function roomRecordingStates(engine: Engine, sessions: Sessions): RoomRecordingStates {
  const states = new Map<string, RecordingState>();

  const of = (roomSid: string, accountSid: string): RecordingState => {
    let state = states.get(roomSid);
    if (!state) {
      state = { revision: 1, is_recording: engine.isRecording({ accountSid, room: roomSid }) };
      states.set(roomSid, state);
    }
    return state;
  };

  return {
    of,
    changed(event) {
      const known = states.get(event.room.sid);
      const now = engine.isRecording({ accountSid: event.accountSid, room: event.room.sid });
      if (!known) {
        of(event.room.sid, event.accountSid);
        return;
      }
      if (known.is_recording === now) return;
      known.revision += 1;
      known.is_recording = now;
      const update = updateJson({ recording: { ...known } });
      for (const session of sessions.inRoom(event.room.sid)) {
        if (session.ready) session.connection?.sendJson(update(session.id));
      }
    },
    roomEnded: (roomSid) => states.delete(roomSid),
    get rooms() {
      return states.size;
    },
  };
}
