import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { connectedParticipants, requireAccount } from './lookup.js';
import type { ParticipantRecord, PublishedTrackRecord, RecordingRecord, RoomRecord } from './records.js';
import { roomTypeProfiles } from './room-type.js';
import { rulesSelect } from './rules.js';

/**
 * Track recordings: which tracks a room records (its recording rules decide, for group rooms), and the
 * life of each Recording. The engine only keeps the records; the emulator's media side writes the files
 * and reports back with `finishRecording`.
 */

export const recordingNotSupported = (room: RoomRecord) =>
  new TwilioError(
    53122,
    `The recording operation requested is not supported for the Room type: ${room.type} rooms cannot record`,
  );

/** Peer-to-peer and go rooms send media directly between participants: there is nothing to record. */
export const roomCanRecord = (room: RoomRecord) => roomTypeProfiles[room.type].usesMediaServers;

function isWanted(room: RoomRecord, participant: ParticipantRecord, track: PublishedTrackRecord): boolean {
  return (
    roomCanRecord(room) &&
    room.status === 'in-progress' &&
    participant.status === 'connected' &&
    track.kind !== 'data' &&
    participant.publishedTracks.get(track.sid) === track &&
    rulesSelect(room.recordingRules, {
      publisherSid: participant.sid,
      publisherIdentity: participant.identity,
      trackSid: track.sid,
      trackName: track.name,
      kind: track.kind,
    })
  );
}

const isCapturing = (recording: RecordingRecord) =>
  recording.status === 'processing' && recording.captureEndedAt === null;

function capturingRecordingOf(context: EngineContext, room: RoomRecord, trackSid: string) {
  const account = context.accounts.get(room.accountSid);
  for (const recording of account?.recordings.values() ?? []) {
    if (recording.trackSid === trackSid && isCapturing(recording)) return recording;
  }
  return undefined;
}

/** Whether any of the room's tracks is being recorded now: the SDK's `room.isRecording`. */
export function isRoomRecording(context: EngineContext, room: RoomRecord): boolean {
  const account = context.accounts.get(room.accountSid);
  for (const recording of account?.recordings.values() ?? []) {
    if (recording.roomSid === room.sid && isCapturing(recording)) return true;
  }
  return false;
}

function startRecording(
  context: EngineContext,
  room: RoomRecord,
  participant: ParticipantRecord,
  track: PublishedTrackRecord,
): void {
  const kind = track.kind === 'audio' ? 'audio' : 'video';
  const account = requireAccount(context, room);
  const now = context.clock.now();
  const recording: RecordingRecord = {
    sid: context.newSid('RT'),
    accountSid: room.accountSid,
    roomSid: room.sid,
    participantSid: participant.sid,
    participantIdentity: participant.identity,
    trackSid: track.sid,
    trackName: track.name,
    kind,
    status: 'processing',
    // What the publisher may send; the media side confirms it when the file is finished.
    codec: kind === 'audio' ? 'OPUS' : (room.videoCodecs[0] ?? 'VP8'),
    containerFormat: kind === 'audio' ? 'mka' : 'mkv',
    dateCreated: now,
    dateUpdated: now,
    captureEndedAt: null,
    duration: null,
    size: null,
    offset: room.dateCreated,
    statusCallback: room.statusCallback,
    statusCallbackMethod: room.statusCallbackMethod,
    failure: null,
  };
  account.recordings.set(recording.sid, recording);
  context.log.emit('recording-started', room, {
    participant: participantSnapshot(participant),
    track: trackSnapshot(track),
    recording: { ...recording },
  });
}

function stopCapturing(context: EngineContext, room: RoomRecord, recording: RecordingRecord): void {
  const now = context.clock.now();
  recording.captureEndedAt = now;
  recording.dateUpdated = now;
  context.log.emit('recording-stopped', room, { recording: { ...recording } });
}

/** Starts or stops recording one track, as the room's rules and the track's state now say. */
export function reconcileTrackRecording(
  context: EngineContext,
  room: RoomRecord,
  participant: ParticipantRecord,
  track: PublishedTrackRecord,
): void {
  const capturing = capturingRecordingOf(context, room, track.sid);
  const wanted = isWanted(room, participant, track);
  if (wanted && !capturing) startRecording(context, room, participant, track);
  else if (!wanted && capturing) stopCapturing(context, room, capturing);
}

/** Brings every track of the room in line with its recording rules (they changed). */
export function reconcileRoomRecordings(context: EngineContext, room: RoomRecord): void {
  for (const participant of connectedParticipants(room)) {
    for (const track of participant.publishedTracks.values())
      reconcileTrackRecording(context, room, participant, track);
  }
}
