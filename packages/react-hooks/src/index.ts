export { type DataTrackMessage, useDataTrackMessages } from './data-track-hooks.js';
export { type Devices, useDevices } from './device-hooks.js';
export {
  type LocalParticipantSource,
  type LocalPublicationSource,
  type LocalTrackSource,
  useLocalAudioToggle,
  useLocalVideoToggle,
} from './local-track-hooks.js';
export { type AttachableTrack, AudioTrack, VideoTrack } from './media-elements.js';
export {
  type ParticipantSource,
  useNetworkQualityLevel,
  useNetworkQualityStats,
  usePublications,
} from './participant-hooks.js';
export {
  type Connect,
  type ConnectionState,
  connectionGraceMs,
  type RoomConnection,
} from './room-connection.js';
export { RoomProvider, useRoom } from './room-context.js';
export {
  useDominantSpeaker,
  useIsParticipantReconnecting,
  useIsRecording,
  useParticipants,
  useRoomError,
  useRoomState,
} from './room-hooks.js';
export {
  type ScreenShare,
  type ScreenSharingParticipant,
  useScreenShareToggle,
} from './screen-share-hooks.js';
export {
  type PublicationSource,
  type TrackSource,
  useIsTrackEnabled,
  useIsTrackSwitchedOff,
  useTrack,
  useTrackPriority,
} from './track-hooks.js';
export { useRoomConnection } from './use-room-connection.js';
export { useRoomSnapshot } from './use-room-snapshot.js';
export { useSourceValue } from './use-source-value.js';
