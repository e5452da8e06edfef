import { durationSeconds, twilioDate } from '../clock.js';
import type { ParticipantRecord, RecordingRecord, RoomRecord } from '../engine/records.js';
import type { VideoRoomSummary } from '../resources.js';
import { detectedCodecs } from './detected-codecs.js';
import { edgeLocationOfRegion } from './edge-location.js';
import type { Nullable } from './nullable.js';
import { processingState } from './processing-state.js';

/**
 * A room's Video Insights summary (`/v1/Video/Rooms/{RoomSid}`) from what the engine recorded of it and
 * its recordings, at `now`, without `url` and `links` (the emulator adds them under its base URL).
 */
export type RoomSummaryFields = Nullable<Omit<VideoRoomSummary, 'url' | 'links'>>;

const roomTypes = {
  group: 'group',
  go: 'go',
  'peer-to-peer': 'peer_to_peer',
  'group-small': 'group_small',
} as const satisfies Record<RoomRecord['type'], VideoRoomSummary['room_type']>;

/**
 * The most participants connected at once, counted at each join: one that left at the very instant
 * another joined (a duplicate identity replaced) is not counted with it.
 */
export function maxConcurrentParticipants(participants: readonly ParticipantRecord[]): number {
  const presentAt = (at: number) =>
    participants.filter(
      (participant) =>
        participant.startTime <= at && (participant.endTime === null || participant.endTime > at),
    ).length;
  return participants.reduce(
    (most, joining) =>
      Math.max(most, presentAt(joining.startTime) + (joining.endTime === joining.startTime ? 1 : 0)),
    0,
  );
}

function participantSeconds(participants: readonly ParticipantRecord[]): number {
  return participants.reduce(
    (sum, participant) =>
      participant.endTime === null ? sum : sum + durationSeconds(participant.startTime, participant.endTime),
    0,
  );
}

export interface RoomSummaryInput {
  /** The engine's clock now: processing_state moves on with it. */
  now: number;
  /** The room's track recordings (any status). */
  recordings: readonly RecordingRecord[];
  /** Whether summarization of this room is held back (a roomlab fault); see processing-state.ts. */
  stalled?: boolean;
}

/** Whole seconds of the recordings' finished files (one still being written counts once finished). */
function recordedSeconds(recordings: readonly RecordingRecord[]): number {
  return recordings.reduce((sum, recording) => sum + (recording.duration ?? 0), 0);
}

export function roomSummary(room: RoomRecord, input: RoomSummaryInput): RoomSummaryFields {
  const { now, recordings } = input;
  const participants = [...room.participants.values()];
  const ended = room.endTime !== null;
  return {
    account_sid: room.accountSid,
    room_sid: room.sid,
    room_name: room.uniqueName,
    create_time: twilioDate(room.dateCreated),
    end_time: ended ? twilioDate(room.endTime as number) : null,
    room_type: roomTypes[room.type],
    room_status: room.status === 'in-progress' ? 'in_progress' : 'completed',
    status_callback: room.statusCallback,
    status_callback_method: room.statusCallbackMethod,
    created_method: room.createdMethod ?? null,
    end_reason: room.endReason ?? null,
    max_participants: room.maxParticipants,
    unique_participants: participants.length,
    unique_participant_identities: new Set(participants.map((participant) => participant.identity)).size,
    concurrent_participants: participants.filter((participant) => participant.endTime === null).length,
    max_concurrent_participants: maxConcurrentParticipants(participants),
    codecs: detectedCodecs(participants),
    media_region: room.mediaRegion as RoomSummaryFields['media_region'],
    duration_sec: ended ? durationSeconds(room.dateCreated, room.endTime as number) : null,
    total_participant_duration_sec: participantSeconds(participants),
    total_recording_duration_sec: recordedSeconds(recordings),
    processing_state: processingState(room, now, input.stalled ?? false),
    recording_enabled: room.recordParticipantsOnConnect || recordings.length > 0,
    edge_location: edgeLocationOfRegion(room.mediaRegion),
  };
}
