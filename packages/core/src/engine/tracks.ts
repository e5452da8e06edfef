import { TwilioError } from '../errors.js';
import type { PublishTrackOptions } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import type { ParticipantRef, TrackRef } from './engine-refs.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import { requireConnected, requireTrack } from './lookup.js';
import { validateTrackName } from './names.js';
import { reconcileTrackRecording } from './recordings.js';
import type { ParticipantRecord, PublishedTrackRecord, RoomRecord } from './records.js';
import { type Cause, reconcileTrack, unsubscribe } from './subscriptions.js';
import { checkPriority } from './track-priority.js';

/** Tracks a connected participant publishes, unpublishes, enables and disables. */

function publishedTrackCount(room: RoomRecord): number {
  let count = 0;
  for (const participant of room.participants.values()) count += participant.publishedTracks.size;
  return count;
}

function checkKind(room: RoomRecord, kind: unknown): void {
  if (kind !== 'audio' && kind !== 'video' && kind !== 'data')
    throw new TwilioError(53300, 'Track is invalid: kind must be audio, video or data');
  if (kind === 'video' && room.audioOnly)
    throw new TwilioError(53125, 'The track kind is not supported by the Room: this room is audio-only');
}

function checkName(room: RoomRecord, participant: ParticipantRecord, name: string): void {
  validateTrackName(name);
  for (const existing of participant.publishedTracks.values()) {
    if (existing.name === name)
      throw new TwilioError(53304, `Track name is duplicated: "${name}" is already published`);
  }
  if (room.maxConcurrentPublishedTracks > 0 && publishedTrackCount(room) >= room.maxConcurrentPublishedTracks)
    throw new TwilioError(53203);
}

export function publishTrack(
  context: EngineContext,
  ref: ParticipantRef,
  options: PublishTrackOptions,
): PublishedTrackRecord {
  const { room, participant } = requireConnected(context, ref);
  checkKind(room, options.kind);
  const priority = checkPriority(options.priority ?? 'standard');
  const sid = context.newSid('MT');
  const name = options.name ?? sid;
  checkName(room, participant, name);
  const now = context.clock.now();
  const track: PublishedTrackRecord = {
    sid,
    participantSid: participant.sid,
    roomSid: room.sid,
    name,
    kind: options.kind,
    enabled: options.enabled ?? true,
    priority,
    dateCreated: now,
    dateUpdated: now,
  };
  participant.publishedTracks.set(sid, track);
  context.log.emit('track-added', room, {
    participant: participantSnapshot(participant),
    track: trackSnapshot(track),
  });
  reconcileTrack(context, room, participant, track);
  reconcileTrackRecording(context, room, participant, track);
  return track;
}

/** Takes a track away from its subscribers, then from its publisher. */
export function removeTrack(
  context: EngineContext,
  room: RoomRecord,
  publisher: ParticipantRecord,
  track: PublishedTrackRecord,
  cause: Cause = {},
): void {
  for (const subscriber of room.participants.values()) unsubscribe(context, room, subscriber, track, cause);
  publisher.publishedTracks.delete(track.sid);
  context.log.emit('track-removed', room, {
    participant: participantSnapshot(publisher),
    track: trackSnapshot(track),
    ...cause,
  });
  // No longer published: its recording, if any, stops capturing.
  reconcileTrackRecording(context, room, publisher, track);
}

export function unpublishTrack(context: EngineContext, ref: TrackRef): void {
  const { room, participant, track } = requireTrack(context, ref);
  removeTrack(context, room, participant, track);
}

export function setTrackEnabled(
  context: EngineContext,
  ref: TrackRef,
  enabled: boolean,
): PublishedTrackRecord {
  const { room, participant, track } = requireTrack(context, ref);
  if (track.enabled === enabled) return track;
  track.enabled = enabled;
  track.dateUpdated = context.clock.now();
  context.log.emit(enabled ? 'track-enabled' : 'track-disabled', room, {
    participant: participantSnapshot(participant),
    track: trackSnapshot(track),
  });
  return track;
}
