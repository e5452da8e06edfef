import type { RoomRecord } from '../engine/records.js';
import type { VideoRoomSummary } from '../resources.js';

/**
 * How long after a room ends its summary stays `in_progress`. Twilio documents that summarization
 * "may take up to thirty minutes following the end of a room, but most logs are available within ten
 * minutes"; roomlab takes the usual case, on the engine's clock, so a test advances the clock past it.
 */
export const summaryProcessingMs = 10 * 60_000;

/** The documented longest wait: a summary held back this long after its room ended has timed out. */
export const summaryTimeoutMs = 30 * 60_000;

/**
 * The summary's `processing_state` at `now`: `in_progress` while the room runs and shortly after, then
 * `complete`. A stalled summary (a test's fault) is `not_started` once its room ended, and `timeout`
 * when the documented thirty minutes have passed.
 */
export function processingState(
  room: RoomRecord,
  now: number,
  stalled: boolean,
): NonNullable<VideoRoomSummary['processing_state']> {
  if (room.endTime === null) return 'in_progress';
  if (stalled) return now < room.endTime + summaryTimeoutMs ? 'not_started' : 'timeout';
  return now < room.endTime + summaryProcessingMs ? 'in_progress' : 'complete';
}
