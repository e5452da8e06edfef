import { TwilioError } from '../errors.js';
import type { ComposedMedia, CreateCompositionOptions, ListCompositionsFilter } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import type { AccountRef, CompositionRef } from './engine-refs.js';
import { requireAccount, requireRoom } from './lookup.js';
import type { CompositionRecord, RecordingRecord, RoomRecord } from './records.js';
import { statusCallbackTarget } from './status-callback-target.js';

/**
 * Compositions: a finished room's recordings made into one file. The engine keeps their state and
 * says what happened; the emulator's media side renders them and reports back.
 */

const compositionNotFound = (sid: string) =>
  new TwilioError(20404, `The requested resource /Compositions/${sid} was not found`);

export function requireComposition(context: EngineContext, ref: CompositionRef): CompositionRecord {
  const composition = requireAccount(context, ref).compositions.get(ref.composition);
  if (!composition) throw compositionNotFound(ref.composition);
  return composition;
}

/** The recordings a composition of `room` may draw on: every recording of the room that is not failed. */
export function recordingsOf(context: EngineContext, room: RoomRecord): RecordingRecord[] {
  const account = requireAccount(context, room);
  return [...account.recordings.values()].filter(
    (recording) => recording.roomSid === room.sid && recording.status !== 'failed',
  );
}

/** Twilio composes only what a finished room recorded, and refuses media that was deleted (53628). */
function composableRoom(context: EngineContext, ref: AccountRef, roomSid: string): RoomRecord {
  const room = requireRoom(context, { accountSid: ref.accountSid, room: roomSid });
  if (room.status === 'in-progress')
    throw new TwilioError(
      20001,
      `Invalid RoomSid: room ${room.sid} is still in progress; a composition needs a completed room`,
    );
  const recordings = recordingsOf(context, room);
  if (recordings.length === 0)
    throw new TwilioError(53630, `Empty track list for composition: room ${room.sid} has no recordings`);
  if (recordings.every((recording) => recording.status === 'deleted'))
    throw new TwilioError(53628, `Room recordings deleted: the media of room ${room.sid} was deleted`);
  return room;
}

function emit(
  context: EngineContext,
  composition: CompositionRecord,
  name: Parameters<EngineContext['log']['emit']>[0],
  secondsRemaining?: number,
) {
  const room = requireRoom(context, { accountSid: composition.accountSid, room: composition.roomSid });
  context.log.emit(name, room, {
    composition: { ...composition, videoLayout: structuredClone(composition.videoLayout) },
    ...(secondsRemaining === undefined ? {} : { secondsRemaining }),
  });
}

export function createComposition(
  context: EngineContext,
  ref: AccountRef,
  options: CreateCompositionOptions,
): CompositionRecord {
  const account = requireAccount(context, ref);
  const target = statusCallbackTarget(options);
  const room = composableRoom(context, ref, options.roomSid);
  const composition: CompositionRecord = {
    sid: context.newSid('CJ'),
    accountSid: account.sid,
    roomSid: room.sid,
    status: 'enqueued',
    dateCreated: context.clock.now(),
    dateCompleted: null,
    dateDeleted: null,
    videoLayout: structuredClone(options.videoLayout ?? {}),
    audioSources: [...(options.audioSources ?? [])],
    audioSourcesExcluded: [...(options.audioSourcesExcluded ?? [])],
    resolution: options.resolution ?? '640x480',
    trim: options.trim ?? true,
    format: options.format ?? 'webm',
    progress: 0,
    duration: null,
    size: null,
    bitrate: null,
    ...target,
    hook: options.hook ?? null,
    failure: null,
  };
  account.compositions.set(composition.sid, composition);
  emit(context, composition, 'composition-enqueued');
  return composition;
}

const requireStatus = (composition: CompositionRecord, status: CompositionRecord['status']) => {
  if (composition.status !== status)
    throw new TwilioError(20001, `Composition ${composition.sid} is ${composition.status}, not ${status}`);
};

/** The media side began rendering. */
export function startComposition(context: EngineContext, ref: CompositionRef): CompositionRecord {
  const composition = requireComposition(context, ref);
  requireStatus(composition, 'enqueued');
  composition.status = 'processing';
  emit(context, composition, 'composition-started');
  return composition;
}

/** How far rendering got: Twilio reports progress about every 10%. */
export function reportCompositionProgress(
  context: EngineContext,
  ref: CompositionRef,
  progress: { percent: number; secondsRemaining: number },
): CompositionRecord {
  const composition = requireComposition(context, ref);
  requireStatus(composition, 'processing');
  composition.progress = Math.max(composition.progress, Math.min(100, Math.floor(progress.percent)));
  emit(context, composition, 'composition-progress', Math.max(0, Math.round(progress.secondsRemaining)));
  return composition;
}

/** The file is written (`media`), or it could not be (`failure`). */
export function finishComposition(
  context: EngineContext,
  ref: CompositionRef,
  outcome: { media: ComposedMedia } | { failure: TwilioError },
): CompositionRecord {
  const composition = requireComposition(context, ref);
  if (composition.status !== 'processing' && composition.status !== 'enqueued')
    throw new TwilioError(
      20001,
      `Composition ${composition.sid} is ${composition.status}: nothing to finish`,
    );
  if ('media' in outcome) {
    composition.status = 'completed';
    composition.dateCompleted = context.clock.now();
    composition.progress = 100;
    composition.duration = Math.max(1, Math.round(outcome.media.durationMs / 1000));
    composition.size = outcome.media.sizeBytes;
    composition.bitrate = Math.round(outcome.media.bitrateKbps);
    emit(context, composition, 'composition-available');
  } else {
    composition.status = 'failed';
    composition.failure = { code: outcome.failure.code, message: outcome.failure.message };
    emit(context, composition, 'composition-failed');
  }
  return composition;
}

/** Cancels a composition still waiting or rendering, or deletes a finished one's media. */
export function deleteComposition(context: EngineContext, ref: CompositionRef): CompositionRecord {
  const composition = requireComposition(context, ref);
  if (composition.status === 'deleted') return composition;
  composition.status = 'deleted';
  composition.dateDeleted = context.clock.now();
  emit(context, composition, 'composition-deleted');
  return composition;
}

export function listCompositions(
  context: EngineContext,
  ref: AccountRef,
  filter: ListCompositionsFilter = {},
): CompositionRecord[] {
  return [...requireAccount(context, ref).compositions.values()].filter(
    (composition) =>
      (filter.status === undefined || composition.status === filter.status) &&
      (filter.roomSid === undefined || composition.roomSid === filter.roomSid) &&
      (filter.dateCreatedAfter === undefined || composition.dateCreated >= filter.dateCreatedAfter) &&
      (filter.dateCreatedBefore === undefined || composition.dateCreated < filter.dateCreatedBefore),
  );
}
