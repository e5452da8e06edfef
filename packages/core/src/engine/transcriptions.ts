import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import { roomCompleted } from './engine-errors.js';
import type { RoomRef, TranscriptionRef } from './engine-refs.js';
import { requireInProgressRoom, requireRoom } from './lookup.js';
import type { RoomRecord, TranscriptionRecord } from './records.js';
import { roomTypeProfiles } from './room-type.js';
import { applyConfiguration, type TranscriptionConfiguration } from './transcription-configuration.js';

/**
 * A room's Transcriptions resource (Twilio keeps one per room): created `started`, stopped and started
 * again by update, its configuration changed by update without a change of status; it stops for
 * good when the room ends. The text itself comes from transcripts.ts.
 */

export interface TranscriptionUpdate {
  /** `started` or `stopped`; the same status as now changes nothing. */
  status?: string;
  /** Unchecked JSON: properties applied over the current configuration. */
  configuration?: unknown;
}

/**
 * Twilio's type ID for a transcription: `video_extension_` and a UUID (version 7: the clock's time,
 * then random bits from the SID source, so seeded engines make the same IDs).
 */
function newTtid(context: EngineContext): string {
  const random = context.newSid('TT').slice(2);
  const time = context.clock.now().toString(16).padStart(12, '0').slice(-12);
  const variant = '89ab'[Number.parseInt(random[3] ?? '0', 16) % 4];
  const hex = `${time}7${random.slice(0, 3)}${variant}${random.slice(4, 19)}`;
  const uuid = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)];
  return `video_extension_${uuid.join('-')}`;
}

function checkRoomType(room: RoomRecord): void {
  if (!roomTypeProfiles[room.type].usesMediaServers)
    throw new TwilioError(
      20001,
      `Invalid parameter RoomSid: transcriptions need a group room; ${room.type} rooms send no media through Twilio's servers`,
    );
}

/** Adds a started transcription to a room (a create, or a room made with TranscribeParticipantsOnConnect). */
export function addTranscription(
  context: EngineContext,
  room: RoomRecord,
  configuration: TranscriptionConfiguration,
): TranscriptionRecord {
  const now = context.clock.now();
  const transcription: TranscriptionRecord = {
    ttid: newTtid(context),
    roomSid: room.sid,
    accountSid: room.accountSid,
    status: 'started',
    configuration,
    dateCreated: now,
    dateUpdated: null,
    startedSpans: [{ from: now, to: null }],
    sequenceNumbers: {},
  };
  room.transcriptions.set(transcription.ttid, transcription);
  return transcription;
}

export function createTranscription(
  context: EngineContext,
  ref: RoomRef,
  options: { configuration?: unknown } = {},
): TranscriptionRecord {
  const room = requireInProgressRoom(context, ref);
  checkRoomType(room);
  const configuration = applyConfiguration({}, options.configuration);
  const [existing] = room.transcriptions.values();
  if (existing)
    throw new TwilioError(
      20001,
      `Invalid request: room ${room.sid} already has transcriptions ${existing.ttid}; a room has one, started and stopped by updating it`,
    );
  return addTranscription(context, room, configuration);
}

export function getTranscription(context: EngineContext, ref: TranscriptionRef): TranscriptionRecord {
  const room = requireRoom(context, ref);
  const transcription = room.transcriptions.get(ref.ttid);
  if (!transcription)
    throw new TwilioError(
      20404,
      `The requested resource /Rooms/${room.sid}/Transcriptions/${ref.ttid.slice(0, 64)} was not found`,
    );
  return transcription;
}

export function listTranscriptions(context: EngineContext, ref: RoomRef): TranscriptionRecord[] {
  return [...requireRoom(context, ref).transcriptions.values()];
}

function setStatus(transcription: TranscriptionRecord, status: 'started' | 'stopped', now: number): void {
  transcription.status = status;
  const open = transcription.startedSpans.at(-1);
  if (status === 'stopped' && open && open.to === null) open.to = now;
  if (status === 'started') transcription.startedSpans.push({ from: now, to: null });
}

function requestedStatus(status: string | undefined): 'started' | 'stopped' | undefined {
  if (status === undefined || status === 'started' || status === 'stopped') return status;
  throw new TwilioError(
    20001,
    `Invalid parameter Status: "${status.slice(0, 64)}" is not one of started, stopped`,
  );
}

export function updateTranscription(
  context: EngineContext,
  ref: TranscriptionRef,
  update: TranscriptionUpdate,
): TranscriptionRecord {
  const room = requireRoom(context, ref);
  const transcription = getTranscription(context, ref);
  const status = requestedStatus(update.status);
  const configuration = applyConfiguration(transcription.configuration, update.configuration);
  const transition = status !== undefined && status !== transcription.status;
  if (!transition && update.configuration === undefined) return transcription;
  if (room.status !== 'in-progress') throw roomCompleted(room);
  if (transition && transcription.status === 'failed')
    throw new TwilioError(
      20001,
      `Invalid parameter Status: transcriptions ${transcription.ttid} failed and cannot be restarted`,
    );
  const now = context.clock.now();
  if (transition) setStatus(transcription, status, now);
  transcription.configuration = configuration;
  transcription.dateUpdated = now;
  return transcription;
}

/** The room ended: its running transcription stops, for good. */
export function endTranscriptions(context: EngineContext, room: RoomRecord): void {
  const now = context.clock.now();
  for (const transcription of room.transcriptions.values()) {
    if (transcription.status !== 'started') continue;
    setStatus(transcription, 'stopped', now);
    transcription.dateUpdated = now;
  }
}

/**
 * What a room's creation asks of transcriptions: with TranscribeParticipantsOnConnect, the checked
 * TranscriptionsConfiguration to start one with (defaults when none is given); else undefined.
 */
export function transcriptionsOnConnect(options: {
  transcribeParticipantsOnConnect?: boolean;
  transcriptionsConfiguration?: unknown;
}): TranscriptionConfiguration | undefined {
  const configuration = applyConfiguration(
    {},
    options.transcriptionsConfiguration,
    'TranscriptionsConfiguration',
  );
  return options.transcribeParticipantsOnConnect ? configuration : undefined;
}
