import { TwilioError } from '../errors.js';
import { runCompositionHooks } from './composition-hook-runs.js';
import type { ListRecordingsFilter, RecordedMedia } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRef, RecordingRef } from './engine-refs.js';
import { requireAccount, requireRoom } from './lookup.js';
import type { RecordingRecord, RoomRecord } from './records.js';

/** Recordings as resources: found, listed, finished by the media side, and deleted. */

const recordingNotFound = (sid: string) =>
  new TwilioError(20404, `The requested resource /Recordings/${sid} was not found`);

/** A recording by RT SID; with `room`, only one of that room's (as `/Rooms/{RoomSid}/Recordings/{Sid}`). */
export function requireRecording(context: EngineContext, ref: RecordingRef): RecordingRecord {
  const account = requireAccount(context, ref);
  const recording = account.recordings.get(ref.recording);
  if (ref.room !== undefined) {
    const room = requireRoom(context, { accountSid: ref.accountSid, room: ref.room });
    if (recording?.roomSid !== room.sid) throw recordingNotFound(ref.recording);
  }
  if (!recording) throw recordingNotFound(ref.recording);
  return recording;
}

function matches(recording: RecordingRecord, filter: ListRecordingsFilter): boolean {
  return (
    (filter.roomSid === undefined || recording.roomSid === filter.roomSid) &&
    (filter.status === undefined || recording.status === filter.status) &&
    (filter.sourceSid === undefined || recording.trackSid === filter.sourceSid) &&
    (filter.mediaType === undefined || recording.kind === filter.mediaType) &&
    (filter.groupingSids ?? []).every(
      (sid) => sid === recording.roomSid || sid === recording.participantSid,
    ) &&
    (filter.dateCreatedAfter === undefined || recording.dateCreated >= filter.dateCreatedAfter) &&
    (filter.dateCreatedBefore === undefined || recording.dateCreated < filter.dateCreatedBefore)
  );
}

/** The account's recordings (or a room's, by `roomSid`) that pass the filter, oldest first. */
export function listRecordings(
  context: EngineContext,
  ref: AccountRef,
  filter: ListRecordingsFilter = {},
): RecordingRecord[] {
  const account = requireAccount(context, ref);
  return [...account.recordings.values()].filter((recording) => matches(recording, filter));
}

function roomOf(context: EngineContext, recording: RecordingRecord): RoomRecord {
  return requireRoom(context, { accountSid: recording.accountSid, room: recording.roomSid });
}

/**
 * The media side finished a recording's file (`media`), or could not (`failure`): the recording is
 * `completed` or `failed`, and the room's StatusCallback hears of it.
 */
export function finishRecording(
  context: EngineContext,
  ref: RecordingRef,
  outcome: { media: RecordedMedia } | { failure: TwilioError },
): RecordingRecord {
  const recording = requireRecording(context, ref);
  if (recording.status !== 'processing' || recording.captureEndedAt === null)
    throw new TwilioError(20001, `Recording ${recording.sid} is not waiting for its media to be finished`);
  recording.dateUpdated = context.clock.now();
  if ('media' in outcome) {
    recording.status = 'completed';
    // Twilio rounds to the nearest second, and a sub-second track counts as 1.
    recording.duration = Math.max(1, Math.round(outcome.media.durationMs / 1000));
    recording.size = outcome.media.sizeBytes;
    recording.mediaDurationMs = outcome.media.durationMs;
    recording.codec = outcome.media.codec;
  } else {
    recording.status = 'failed';
    recording.failure = { code: outcome.failure.code, message: outcome.failure.message };
  }
  const name = recording.status === 'completed' ? 'recording-completed' : 'recording-failed';
  const room = roomOf(context, recording);
  context.log.emit(name, room, { recording: { ...recording } });
  runCompositionHooks(context, room);
  return recording;
}

/**
 * Deletes a recording's media: the resource stays, `deleted`. One still being recorded or finished
 * cannot be deleted yet.
 */
export function deleteRecording(context: EngineContext, ref: RecordingRef): RecordingRecord {
  const recording = requireRecording(context, ref);
  if (recording.status === 'deleted') return recording;
  if (recording.status === 'processing')
    throw new TwilioError(
      20001,
      `Recording ${recording.sid} is still processing: it can be deleted once it is completed or failed`,
    );
  recording.status = 'deleted';
  recording.dateUpdated = context.clock.now();
  context.log.emit('recording-deleted', roomOf(context, recording), { recording: { ...recording } });
  return recording;
}
