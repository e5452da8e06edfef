import type { EngineEvent } from './events.js';
import type {
  ApiKeyRecord,
  CompositionRecord,
  ParticipantRecord,
  PublishedTrackRecord,
  RecordingRecord,
  RoomRecord,
  SubscribedTrackRecord,
} from './records.js';

/**
 * The engine's whole state as plain JSON: what a snapshot holds and a restore reads. Maps become
 * arrays in their order; everything derived (indexes, pending timeouts) is rebuilt on restore.
 */
export interface EngineState {
  format: 'roomlab-engine-state';
  version: 1;
  /** The clock's time when the snapshot was taken. */
  takenAt: number;
  sequence: number;
  accounts: AccountState[];
  events: EngineEvent[];
}

export interface AccountState {
  sid: string;
  authToken: string;
  friendlyName: string;
  dateCreated: number;
  apiKeys: ApiKeyRecord[];
  rooms: RoomState[];
  /** Absent in snapshots taken before roomlab recorded. */
  recordings?: RecordingRecord[];
  compositions?: CompositionRecord[];
}

export type RoomState = Omit<RoomRecord, 'participants'> & { participants: ParticipantState[] };

export type ParticipantState = Omit<ParticipantRecord, 'publishedTracks' | 'subscribedTracks'> & {
  publishedTracks: PublishedTrackRecord[];
  subscribedTracks: SubscribedTrackRecord[];
};
