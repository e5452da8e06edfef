import type { MediaSettingsKind } from './records.js';

// How the engine's operations address resources: objects rather than bare IDs, so they cannot be
// swapped unnoticed. Apart from engine-api.ts so that the API's file stays readable at a glance.

/** The account an operation acts in: every resource belongs to exactly one. */
export interface AccountRef {
  readonly accountSid: string;
}

/** A room: its RM SID, or the unique name of an in-progress room (as Twilio's `/Rooms/{RoomSid}`). */
export interface RoomRef extends AccountRef {
  readonly room: string;
}

/** A participant of a room: its PA SID, or the identity of a connected participant. */
export interface ParticipantRef extends RoomRef {
  readonly participant: string;
}

/** A track published by a participant: its MT SID. */
export interface TrackRef extends ParticipantRef {
  readonly track: string;
}

/** A recording: its RT SID; with `room`, one of that room's recordings only. */
export interface RecordingRef extends AccountRef {
  readonly recording: string;
  readonly room?: string;
}

/** A composition: its CJ SID. */
export interface CompositionRef extends AccountRef {
  readonly composition: string;
}

/** An API key of an account: its SK SID. */
export interface ApiKeyRef extends AccountRef {
  readonly keySid: string;
}

/** One of an account's two settings resources: RecordingSettings or CompositionSettings. */
export interface MediaSettingsRef extends AccountRef {
  readonly settings: MediaSettingsKind;
}

/** A composition hook of an account: its HK SID. */
export interface CompositionHookRef extends AccountRef {
  readonly hookSid: string;
}

/** A room's Transcriptions resource: its TTID. */
export interface TranscriptionRef extends RoomRef {
  readonly ttid: string;
}
