import { TwilioError } from '../errors.js';
import type { RoomType, VideoCodec } from '../resources.js';
import type { RoomRecord } from './records.js';
import {
  isRoomType,
  largeRoomMaxParticipants,
  mediaRegions,
  roomLimits,
  roomTypeProfiles,
  videoCodecs,
} from './room-type.js';
import { parseRules, type TrackRule } from './rules.js';
import { statusCallbackTarget } from './status-callback-target.js';

/** What a room is created with: Twilio's CreateRoom parameters, already parsed from the wire. */
export interface CreateRoomOptions {
  type?: string;
  uniqueName?: string;
  statusCallback?: string;
  statusCallbackMethod?: string;
  maxParticipants?: number;
  recordParticipantsOnConnect?: boolean;
  transcribeParticipantsOnConnect?: boolean;
  /** Unchecked JSON: the configuration transcriptions start with (TranscribeParticipantsOnConnect). */
  transcriptionsConfiguration?: unknown;
  videoCodecs?: readonly string[];
  mediaRegion?: string;
  recordingRules?: unknown;
  audioOnly?: boolean;
  maxParticipantDuration?: number;
  emptyRoomTimeout?: number;
  unusedRoomTimeout?: number;
  largeRoom?: boolean;
  enableTurn?: boolean;
}

export type RoomSettings = Pick<
  RoomRecord,
  | 'type'
  | 'statusCallback'
  | 'statusCallbackMethod'
  | 'maxParticipants'
  | 'maxParticipantDuration'
  | 'maxConcurrentPublishedTracks'
  | 'recordParticipantsOnConnect'
  | 'videoCodecs'
  | 'mediaRegion'
  | 'audioOnly'
  | 'emptyRoomTimeout'
  | 'unusedRoomTimeout'
  | 'largeRoom'
  | 'recordingRules'
> & { uniqueName: string | undefined };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function validateUniqueName(name: string): void {
  if (name.length === 0) throw new TwilioError(53100, 'Room name is invalid: UniqueName must not be empty');
  if (name.length > roomLimits.uniqueNameMaxLength) {
    throw new TwilioError(
      53101,
      `Room name is too long: UniqueName may have at most ${roomLimits.uniqueNameMaxLength} characters`,
    );
  }
  if (controlCharacters.test(name)) throw new TwilioError(53102, 'Room name contains invalid characters');
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Applies Twilio's rules and defaults for the room type; throws Twilio's error for the first problem. */
export function resolveRoomSettings(options: CreateRoomOptions): RoomSettings {
  const type = options.type ?? 'group';
  if (!isRoomType(type)) {
    throw new TwilioError(
      53108,
      `RoomType is not valid: "${type}" is not one of group, group-small, peer-to-peer, go`,
    );
  }
  const roomType: RoomType = type;
  const profile = roomTypeProfiles[roomType];
  const incompatible = (parameter: string) =>
    new TwilioError(53114, `Room creation parameter ${parameter} is incompatible with Room type ${roomType}`);

  if (options.uniqueName !== undefined) validateUniqueName(options.uniqueName);

  const { statusCallback, statusCallbackMethod } = statusCallbackTarget(options);

  const largeRoom = options.largeRoom ?? false;
  if (largeRoom && roomType !== 'group') throw incompatible('LargeRoom');
  const maxAllowed = largeRoom ? largeRoomMaxParticipants : profile.maxMaxParticipants;
  const maxParticipants = options.maxParticipants ?? profile.defaultMaxParticipants;
  if (!inRange(maxParticipants, 1, maxAllowed)) {
    throw new TwilioError(
      53107,
      `MaxParticipants is out of range: it must be between 1 and ${maxAllowed} for ${roomType} rooms`,
    );
  }

  const duration = roomLimits.maxParticipantDuration;
  const maxParticipantDuration = options.maxParticipantDuration ?? duration.default;
  if (!inRange(maxParticipantDuration, duration.min, duration.max)) {
    throw new TwilioError(
      53123,
      `MaxParticipantDuration is out of range: it must be between ${duration.min} and ${duration.max} seconds`,
    );
  }

  const timeouts = roomLimits.roomTimeoutMinutes;
  const emptyRoomTimeout = options.emptyRoomTimeout ?? timeouts.default;
  const unusedRoomTimeout = options.unusedRoomTimeout ?? timeouts.default;
  for (const [name, value] of [
    ['EmptyRoomTimeout', emptyRoomTimeout],
    ['UnusedRoomTimeout', unusedRoomTimeout],
  ] as const) {
    if (!inRange(value, timeouts.min, timeouts.max)) {
      throw new TwilioError(
        53109,
        `${name} is out of range: it must be between ${timeouts.min} and ${timeouts.max} minutes`,
      );
    }
  }

  const audioOnly = options.audioOnly ?? false;
  if (audioOnly && !profile.usesMediaServers) {
    throw new TwilioError(53124, `The AudioOnly flag is not supported for ${roomType} rooms`);
  }
  const recordParticipantsOnConnect = options.recordParticipantsOnConnect ?? false;
  if (recordParticipantsOnConnect && !profile.usesMediaServers)
    throw incompatible('RecordParticipantsOnConnect');
  if (options.transcribeParticipantsOnConnect && !profile.usesMediaServers)
    throw incompatible('TranscribeParticipantsOnConnect');

  let codecs: VideoCodec[] = audioOnly ? [] : ['VP8'];
  if (options.videoCodecs !== undefined && options.videoCodecs.length > 0) {
    if (!profile.usesMediaServers) throw incompatible('VideoCodecs');
    const unknown = options.videoCodecs.find((codec) => !(videoCodecs as readonly string[]).includes(codec));
    if (unknown !== undefined)
      throw new TwilioError(20001, `VideoCodecs: "${unknown}" is not one of VP8, H264`);
    codecs = [...new Set(options.videoCodecs as VideoCodec[])];
  }

  let mediaRegion = 'us1';
  if (options.mediaRegion !== undefined) {
    if (!(mediaRegions as readonly string[]).includes(options.mediaRegion)) {
      throw new TwilioError(
        53115,
        `MediaRegion is invalid: "${options.mediaRegion}" is not one of ${mediaRegions.join(', ')}`,
      );
    }
    if (!profile.usesMediaServers) throw incompatible('MediaRegion');
    mediaRegion = options.mediaRegion;
  }

  let recordingRules: TrackRule[] = [
    { type: recordParticipantsOnConnect ? 'include' : 'exclude', all: true },
  ];
  if (options.recordingRules !== undefined) {
    if (!profile.usesMediaServers) throw incompatible('RecordingRules');
    recordingRules = parseRules(options.recordingRules, 'recording');
  }

  return {
    type: roomType,
    uniqueName: options.uniqueName,
    statusCallback,
    statusCallbackMethod,
    maxParticipants,
    maxParticipantDuration,
    maxConcurrentPublishedTracks: profile.maxConcurrentPublishedTracks,
    recordParticipantsOnConnect,
    videoCodecs: codecs,
    mediaRegion,
    audioOnly,
    emptyRoomTimeout,
    unusedRoomTimeout,
    largeRoom,
    recordingRules,
  };
}
