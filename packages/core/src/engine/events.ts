import type {
  ParticipantStatus,
  RoomStatus,
  RoomType,
  StatusCallbackMethod,
  TrackKind,
} from '../resources.js';
import type {
  CompositionRecord,
  NetworkConditions,
  RecordingRecord,
  TrackPriority,
  TrackSwitchReason,
} from './records.js';

/** The room events Twilio posts to a room's StatusCallback, named as Twilio names them. */
export const statusCallbackEvents = [
  'room-created',
  'room-ended',
  'participant-connected',
  'participant-disconnected',
  'track-added',
  'track-removed',
  'track-enabled',
  'track-disabled',
  'recording-started',
  'recording-completed',
  'recording-failed',
] as const;
export type StatusCallbackEvent = (typeof statusCallbackEvents)[number];

/**
 * The composition events Twilio posts to a composition's StatusCallback (its own, or its hook's), named
 * as Twilio names them. `composition-enqueued` is posted only for compositions a hook made.
 */
export const compositionCallbackEvents = [
  'composition-enqueued',
  'composition-started',
  'composition-progress',
  'composition-available',
  'composition-failed',
] as const;
export type CompositionCallbackEvent = (typeof compositionCallbackEvents)[number];

/** Changes that no callback reports but that connected clients must learn of. */
export const internalEvents = [
  'track-subscribed',
  'track-unsubscribed',
  'subscribe-rules-updated',
  'recording-rules-updated',
  'participant-anonymized',
  /** A recording stopped capturing: its file is finished next (then recording-completed or -failed). */
  'recording-stopped',
  /** A recording's media was deleted (its metadata stays, status `deleted`). */
  'recording-deleted',
  /** A composition was cancelled, or its media deleted. */
  'composition-deleted',
  /** A test forced (or stopped forcing) a participant's network quality level. */
  'network-quality-forced',
  /** A participant's measured network quality level changed (not on every report: only a new level). */
  'network-quality-changed',
  /** A test impaired a participant's network path, or cleared it (`networkConditions` says how). */
  'network-conditions-changed',
  'speech-transcribed',
  /** A publisher changed a track's priority (Twilio posts no callback for it; subscribers learn it). */
  'track-priority-changed',
  /** The room's dominant speaker changed: `participant` is the new one, absent for nobody. */
  'dominant-speaker-changed',
  /** The media server stopped forwarding a track to one subscriber (`switchReason` says why). */
  'track-switched-off',
  /** The media server forwards a track to one subscriber again. */
  'track-switched-on',
] as const;
export type InternalEvent = (typeof internalEvents)[number];

export type EngineEventName = StatusCallbackEvent | CompositionCallbackEvent | InternalEvent;

export function isStatusCallbackEvent(name: string): name is StatusCallbackEvent {
  return (statusCallbackEvents as readonly string[]).includes(name);
}

export function isCompositionCallbackEvent(name: string): name is CompositionCallbackEvent {
  return (compositionCallbackEvents as readonly string[]).includes(name);
}

/** Copies of what an event is about, taken when it happened, so later changes never rewrite history. */
export interface RoomSnapshot {
  readonly sid: string;
  readonly accountSid: string;
  readonly uniqueName: string;
  readonly status: RoomStatus;
  readonly type: RoomType;
  readonly durationSeconds: number | null;
  readonly statusCallback: string | null;
  readonly statusCallbackMethod: StatusCallbackMethod;
}

export interface ParticipantSnapshot {
  readonly sid: string;
  readonly identity: string;
  readonly status: ParticipantStatus;
  readonly durationSeconds: number | null;
}

export interface TrackSnapshot {
  readonly sid: string;
  readonly name: string;
  readonly kind: TrackKind;
  readonly enabled: boolean;
  readonly priority: TrackPriority;
}

/** A transcript of a participant's speech, as a room's transcription produced it (see transcripts.ts). */
export interface Transcript {
  /** The Transcriptions resource that produced it. */
  readonly ttid: string;
  readonly participantSid: string;
  /** The audio track (MT SID) the speech came from. */
  readonly trackSid: string;
  /** Per track, from 1. */
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly partialResults: boolean;
  /** How likely a partial result is to stay as it is (0 to 1); null for a final one. */
  readonly stability: number | null;
  readonly languageCode: string;
  readonly transcription: string;
}

export interface EngineEvent {
  /** Position in the engine's log, from 1, across all accounts. */
  readonly sequence: number;
  /** Twilio's per-room SequenceNumber, from 0. */
  readonly roomSequenceNumber: number;
  readonly name: EngineEventName;
  readonly accountSid: string;
  readonly timestamp: number;
  readonly room: RoomSnapshot;
  readonly participant?: ParticipantSnapshot;
  readonly track?: TrackSnapshot;
  /** For track-subscribed/unsubscribed: the participant that receives the track. */
  readonly subscriber?: ParticipantSnapshot;
  /** Why a participant was disconnected or a room ended, when not by its own wish. */
  readonly reason?: { readonly code: number; readonly message: string };
  /**
   * On the track-removed and track-unsubscribed events a participant's departure causes: they follow
   * from its leaving. Twilio's signaling tells the others of the departure only, not of each track.
   */
  readonly departure?: true;
  /** On participant-disconnected: the tracks it published when it left (its last state, as clients saw it). */
  readonly tracks?: readonly TrackSnapshot[];
  /** On recording events: the recording as it was then. */
  readonly recording?: RecordingSnapshot;
  /** On composition events: the composition as it was then. */
  readonly composition?: CompositionSnapshot;
  /** On composition-progress: Twilio's estimate of the seconds left. */
  readonly secondsRemaining?: number;
  /** On speech-transcribed: what was said. */
  readonly transcript?: Transcript;
  /** On network-conditions-changed: the participant's conditions now (null: cleared). */
  readonly networkConditions?: Readonly<NetworkConditions> | null;
  /** On track-switched-off/-on: why (the SDK is told no reason). */
  readonly switchReason?: TrackSwitchReason;
}

export type CompositionSnapshot = Readonly<CompositionRecord>;

export type RecordingSnapshot = Readonly<RecordingRecord>;

export type EngineEventListener = (event: EngineEvent) => void;

/** A participant's track was published, unpublished, muted or unmuted. */
export const trackEvents = [
  'track-added',
  'track-removed',
  'track-enabled',
  'track-disabled',
] as const satisfies readonly StatusCallbackEvent[];

/**
 * Changes the others in a room see in a participant's state (its presence and its published tracks):
 * what signaling sends every client as participant updates.
 */
export const participantStateEvents = [
  'participant-connected',
  'participant-disconnected',
  ...trackEvents,
  'track-priority-changed',
] as const satisfies readonly EngineEventName[];

/** Changes of a room's dominant speaker, which clients that asked for it are told of. */
export const speakerEvents = ['dominant-speaker-changed'] as const satisfies readonly EngineEventName[];

/** Changes to which tracks a participant receives. */
export const subscriptionEvents = [
  'track-subscribed',
  'track-unsubscribed',
] as const satisfies readonly InternalEvent[];

/** Changes to which of a room's tracks are being recorded: what the room's `isRecording` follows. */
export const recordingCaptureEvents = [
  'recording-started',
  'recording-stopped',
] as const satisfies readonly EngineEventName[];
