import type { RoomType, VideoCodec } from '../resources.js';

/** Twilio's room types and what each allows. `group` is the one for new apps; the others are legacy. */
export const roomTypes = [
  'group',
  'go',
  'peer-to-peer',
  'group-small',
] as const satisfies readonly RoomType[];

export interface RoomTypeProfile {
  readonly defaultMaxParticipants: number;
  readonly maxMaxParticipants: number;
  readonly maxConcurrentPublishedTracks: number;
  /** Media goes through Twilio's servers, so recording, codecs, regions and audio-only apply. */
  readonly usesMediaServers: boolean;
}

export const roomTypeProfiles: Readonly<Record<RoomType, RoomTypeProfile>> = {
  group: {
    defaultMaxParticipants: 50,
    maxMaxParticipants: 50,
    maxConcurrentPublishedTracks: 170,
    usesMediaServers: true,
  },
  'group-small': {
    defaultMaxParticipants: 4,
    maxMaxParticipants: 4,
    maxConcurrentPublishedTracks: 170,
    usesMediaServers: true,
  },
  'peer-to-peer': {
    defaultMaxParticipants: 10,
    maxMaxParticipants: 10,
    maxConcurrentPublishedTracks: 0,
    usesMediaServers: false,
  },
  go: {
    defaultMaxParticipants: 2,
    maxMaxParticipants: 2,
    maxConcurrentPublishedTracks: 0,
    usesMediaServers: false,
  },
};

/** Large group rooms hold more participants than the 50 of a normal group room. */
export const largeRoomMaxParticipants = 1000;

export function isRoomType(value: string): value is RoomType {
  return (roomTypes as readonly string[]).includes(value);
}

export const videoCodecs = ['VP8', 'H264'] as const satisfies readonly VideoCodec[];

/** Media regions Twilio runs group rooms in (`gll` picks the nearest). */
export const mediaRegions = ['gll', 'us1', 'us2', 'ie1', 'de1', 'au1', 'br1', 'jp1', 'sg1', 'in1'] as const;

export const roomLimits = {
  uniqueNameMaxLength: 128,
  maxParticipantDuration: { min: 600, max: 86400, default: 14400 },
  /** Minutes, for both the empty-room and the unused-room timeout. */
  roomTimeoutMinutes: { min: 1, max: 60, default: 5 },
} as const;
