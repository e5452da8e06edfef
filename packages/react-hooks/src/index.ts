export {
  type AudioLevelOptions,
  type AudioLevelSource,
  type AudioMeter,
  useAudioLevel,
} from './audio-level.js';
export {
  type DataPublishingParticipant,
  type DataTrackMessage,
  type LocalDataTrackSource,
  type LocalDataTrackState,
  useDataTrackMessages,
  useLocalDataTrack,
  useRoomMessages,
} from './data-track-hooks.js';
export {
  type DeviceSelect,
  type Devices,
  type RestartableTrack,
  useDeviceSelect,
  useDevices,
} from './device-hooks.js';
export { type PublishingParticipant, unpublishLocalTrack } from './local-publishing.js';
export {
  type LocalMediaToggle,
  type LocalMediaToggleOptions,
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
  useTracks,
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
  useLocalParticipant,
  useMainParticipant,
  useParticipants,
  useRoomError,
  useRoomState,
  useScreenShareParticipant,
} from './room-hooks.js';
export {
  type ScreenShare,
  type ScreenSharingParticipant,
  screenShareTrackName,
  useScreenShareToggle,
} from './screen-share-hooks.js';
export {
  type Dimensions,
  type PublicationSource,
  type TrackSource,
  useIsTrackEnabled,
  useIsTrackSubscribed,
  useIsTrackSwitchedOff,
  useTrack,
  useTrackDimensions,
  useTrackPriority,
} from './track-hooks.js';
export { type LocalTrackState, useLocalTrack } from './use-local-track.js';
export { useRoomConnection } from './use-room-connection.js';
export { useRoomSnapshot } from './use-room-snapshot.js';
export { useSourceValue } from './use-source-value.js';
