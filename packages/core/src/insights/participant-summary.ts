import { durationSeconds, twilioDate } from '../clock.js';
import type { ParticipantRecord, RoomRecord } from '../engine/records.js';
import type { VideoParticipantSummary } from '../resources.js';
import { detectedCodecs } from './detected-codecs.js';
import type { Nullable } from './nullable.js';
import { userAgentParts } from './user-agent.js';

/**
 * A participant's Video Insights summary (`/v1/Video/Rooms/{RoomSid}/Participants/{Sid}`) from what the
 * engine recorded of it, without `url` (the emulator adds it under its base URL).
 */
export type ParticipantSummaryFields = Nullable<Omit<VideoParticipantSummary, 'url'>>;

/** Why a participant left, in Video Insights' words, or null where roomlab does not know the name yet. */
export function participantEndReason(room: RoomRecord, participant: ParticipantRecord): string | null {
  if (participant.endTime === null || participant.leaveErrorCode === undefined) return null;
  if (participant.leaveErrorCode === null) return 'disconnected_via_api';
  // 53118 is what a room's end removes its participants with: Insights names the room's end reason.
  if (participant.leaveErrorCode === 53118) return room.endReason ?? null;
  return null;
}

/**
 * What the participant's client said of itself at connect: the SDK's name and version as it sent them,
 * its user agent, and the browser and OS read from that; null for a client that said nothing.
 */
export function publisherInfo(participant: ParticipantRecord): Record<string, string> | null {
  const { publisher } = participant;
  if (!publisher) return null;
  return {
    name: publisher.name,
    sdk_version: publisher.sdkVersion,
    user_agent: publisher.userAgent,
    ...userAgentParts(publisher.userAgent),
  };
}

export function participantSummary(
  room: RoomRecord,
  participant: ParticipantRecord,
): ParticipantSummaryFields {
  const left = participant.endTime !== null;
  const errorCode = participant.leaveErrorCode ?? null;
  return {
    participant_sid: participant.sid,
    participant_identity: participant.identity,
    join_time: twilioDate(participant.startTime),
    leave_time: left ? twilioDate(participant.endTime as number) : null,
    duration_sec: left ? durationSeconds(participant.startTime, participant.endTime as number) : null,
    account_sid: participant.accountSid,
    room_sid: participant.roomSid,
    status: left ? 'completed' : 'in_progress',
    codecs: detectedCodecs([participant]),
    end_reason: participantEndReason(room, participant),
    error_code: errorCode,
    error_code_url: errorCode === null ? null : `https://www.twilio.com/docs/api/errors/${errorCode}`,
    media_region: room.mediaRegion as ParticipantSummaryFields['media_region'],
    properties: null,
    edge_location: participant.edgeLocation ?? null,
    publisher_info: publisherInfo(participant),
  };
}
