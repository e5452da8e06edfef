import type { EngineEvent, RecordingSnapshot } from '../engine/events.js';
import { isCompositionCallbackEvent, isStatusCallbackEvent } from '../engine/events.js';
import type { StatusCallbackMethod } from '../resources.js';
import { compositionCallbackParams } from './composition-callback.js';

/** One status callback to send: where, how, and the form parameters. */
export interface StatusCallbackRequest {
  url: string;
  method: StatusCallbackMethod;
  params: Record<string, string>;
}

/**
 * The status callback Twilio sends for one event: room events (and recording events) go to the room's
 * StatusCallback, composition events to the composition's (its own, or its hook's). Undefined for
 * events no callback reports, or when there is no URL to send to.
 */
export function statusCallbackOf(event: EngineEvent): StatusCallbackRequest | undefined {
  const { composition } = event;
  if (composition && isCompositionCallbackEvent(event.name)) {
    // Twilio posts composition-enqueued only for compositions a hook made.
    if (composition.statusCallback === null || (event.name === 'composition-enqueued' && !composition.hook))
      return undefined;
    return {
      url: composition.statusCallback,
      method: composition.statusCallbackMethod,
      params: compositionCallbackParams(event, composition),
    };
  }
  const params = statusCallbackParams(event);
  if (!params || event.room.statusCallback === null) return undefined;
  return { url: event.room.statusCallback, method: event.room.statusCallbackMethod, params };
}

/**
 * The form parameters Twilio posts to a room's StatusCallback for one event, named as Twilio names them;
 * undefined for events no room callback reports, or for rooms without a StatusCallback.
 */
export function statusCallbackParams(event: EngineEvent): Record<string, string> | undefined {
  if (!isStatusCallbackEvent(event.name) || event.room.statusCallback === null) return undefined;
  const params: Record<string, string> = {
    AccountSid: event.accountSid,
    RoomSid: event.room.sid,
    RoomName: event.room.uniqueName,
    RoomStatus: event.room.status,
    RoomType: event.room.type,
    StatusCallbackEvent: event.name,
    Timestamp: new Date(event.timestamp).toISOString(),
    SequenceNumber: String(event.roomSequenceNumber),
  };
  if (event.name === 'room-ended' && event.room.durationSeconds !== null) {
    params.RoomDuration = String(event.room.durationSeconds);
  }
  if (event.participant) {
    params.ParticipantSid = event.participant.sid;
    params.ParticipantIdentity = event.participant.identity;
    if (event.name.startsWith('participant-')) params.ParticipantStatus = event.participant.status;
    if (event.name === 'participant-disconnected' && event.participant.durationSeconds !== null) {
      params.ParticipantDuration = String(event.participant.durationSeconds);
    }
  }
  if (event.track && !event.recording) {
    params.TrackSid = event.track.sid;
    params.TrackKind = event.track.kind;
  }
  if (event.recording) Object.assign(params, recordingParams(event.name, event.recording));
  return params;
}

/**
 * What Twilio adds on `recording-*` events (its Status Callbacks page, "Recordings Status Callback
 * request parameters"): the recording, its source track and file; its media once completed.
 */
function recordingParams(name: string, recording: RecordingSnapshot): Record<string, string> {
  const uri = `/v1/Recordings/${recording.sid}`;
  const params: Record<string, string> = {
    RecordingSid: recording.sid,
    RecordingUri: uri,
    SourceSid: recording.trackSid,
    TrackName: recording.trackName,
    ParticipantSid: recording.participantSid,
    ParticipantIdentity: recording.participantIdentity,
    Container: recording.containerFormat,
    Codec: recording.codec,
    Type: recording.kind,
    OffsetFromTwilioVideoEpoch: String(recording.offset),
  };
  if (name === 'recording-completed') {
    params.MediaUri = `${uri}/Media`;
    params.Duration = String(recording.duration ?? 0);
    params.Size = String(recording.size ?? 0);
  }
  if (name === 'recording-failed') {
    // Capture itself never fails here: what can fail is finishing the file.
    params.FailedOperation = 'RecordingComplete';
  }
  return params;
}
