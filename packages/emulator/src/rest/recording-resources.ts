import { type Recording, type RecordingRecord, type RoomRecording, twilioDate } from '@roomlab/core';

/** Recordings as Twilio's JSON: the account-wide resource and the room's, each with its own `url`. */

export const recordingPath = (recording: RecordingRecord) => `/v1/Recordings/${recording.sid}`;

export const roomRecordingPath = (recording: RecordingRecord) =>
  `/v1/Rooms/${recording.roomSid}/Recordings/${recording.sid}`;

function common(recording: RecordingRecord) {
  return {
    account_sid: recording.accountSid,
    status: recording.status,
    date_created: twilioDate(recording.dateCreated),
    sid: recording.sid,
    source_sid: recording.trackSid,
    size: recording.size,
    type: recording.kind,
    duration: recording.duration,
    container_format: recording.containerFormat,
    codec: recording.codec,
    grouping_sids: { room_sid: recording.roomSid, participant_sid: recording.participantSid },
    track_name: recording.trackName,
    offset: recording.offset,
    // roomlab keeps every file itself: nothing is stored externally.
    media_external_location: null,
  };
}

export function recordingResource(recording: RecordingRecord, base: string): Recording {
  const url = base + recordingPath(recording);
  return {
    ...common(recording),
    url,
    status_callback: recording.statusCallback,
    status_callback_method: recording.statusCallbackMethod,
    links: { media: `${url}/Media` },
  };
}

export function roomRecordingResource(recording: RecordingRecord, base: string): RoomRecording {
  const url = base + roomRecordingPath(recording);
  return { ...common(recording), room_sid: recording.roomSid, url, links: { media: `${url}/Media` } };
}
