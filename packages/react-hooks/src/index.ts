export { RoomProvider, useRoom } from './room-context.js';
export {
  useDominantSpeaker,
  useIsParticipantReconnecting,
  useIsRecording,
  useParticipants,
  useRoomError,
  useRoomState,
} from './room-hooks.js';
export { useRoomSnapshot } from './use-room-snapshot.js';
