import type { Engine, Logger } from '@roomlab/core';
import type { MediaHandOff } from './media-hand-off.js';
import type { ParticipantStates } from './participant-states.js';
import type { RoomRecordingStates } from './recording-state.js';
import type { Sessions } from './sessions.js';
import type { Subscriptions } from './subscriptions.js';

/** What the steps of room signaling share: made once by `roomSignaling`, handed to each step. */
export interface SignalingParts {
  engine: Engine;
  logger: Logger;
  sessions: Sessions;
  states: ParticipantStates;
  media: MediaHandOff;
  subscriptions: Subscriptions;
  recordingStates: RoomRecordingStates;
  /** The reconnect window given to clients, in seconds. */
  sessionTimeoutSeconds: number;
}
