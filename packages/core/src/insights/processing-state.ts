import type { RoomRecord } from '../engine/records.js';
import type { VideoRoomSummary } from '../resources.js';

/**
 * How long after a room ends its summary stays `in_progress`. Twilio documents that summarization
 * "may take up to thirty minutes following the end of a room, but most logs are available within ten
 * minutes"; roomlab takes the usual case, on the engine's clock, so a test advances the clock past it.
 */
export const summaryProcessingMs = 10 * 60_000;

/** The summary's `processing_state` at `now`: more may come while the room runs and shortly after. */
export function processingState(
  room: RoomRecord,
  now: number,
): NonNullable<VideoRoomSummary['processing_state']> {
  if (room.endTime === null || now < room.endTime + summaryProcessingMs) return 'in_progress';
  return 'complete';
}
