import type { EngineEvent } from './events.js';
import type {
  ApiKeyRecord,
  BandwidthProfileRecord,
  CompositionHookRecord,
  CompositionRecord,
  MediaSettingsKind,
  MediaSettingsRecord,
  ParticipantRecord,
  PublishedTrackRecord,
  RecordingRecord,
  RoomRecord,
  SubscribedTrackRecord,
  TranscriptionRecord,
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
  /** Absent from snapshots taken before roomlab kept settings: Twilio's defaults then. */
  mediaSettings?: Record<MediaSettingsKind, MediaSettingsRecord>;
  /** Absent from snapshots taken before roomlab kept hooks: none then. */
  compositionHooks?: CompositionHookRecord[];
  /** Absent from snapshots taken before roomlab kept bandwidth profiles: none then. */
  bandwidthProfiles?: BandwidthProfileRecord[];
}

export type RoomState = Omit<RoomRecord, 'participants' | 'transcriptions'> & {
  participants: ParticipantState[];
  /** Absent from snapshots taken before roomlab kept transcriptions: none then. */
  transcriptions?: TranscriptionRecord[];
};

export type ParticipantState = Omit<ParticipantRecord, 'publishedTracks' | 'subscribedTracks'> & {
  publishedTracks: PublishedTrackRecord[];
  subscribedTracks: SubscribedTrackRecord[];
};
