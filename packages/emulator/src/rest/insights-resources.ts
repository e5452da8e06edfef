import { type ParticipantRecord, participantSummary, type RoomRecord, roomSummary } from '@roomlab/core';
import type { RouteContext } from './route.js';

/** Insights' summaries as JSON resources, with `url` and `links` under the emulator's base URL. */

export function roomSummaryPath(room: RoomRecord): string {
  return `/v1/Video/Rooms/${room.sid}`;
}

/** A room's summary now, over its recordings, as the request's context sees it (its clock, its faults). */
export function roomSummaryResource(context: RouteContext, room: RoomRecord) {
  const url = context.base + roomSummaryPath(room);
  const summary = roomSummary(room, {
    now: context.engine.clock.now(),
    recordings: context.engine.listRecordings({ accountSid: room.accountSid }, { roomSid: room.sid }),
    stalled: context.summaryStalled(room.sid),
  });
  return { ...summary, url, links: { participants: `${url}/Participants` } };
}

export function participantSummaryResource(room: RoomRecord, participant: ParticipantRecord, base: string) {
  const url = `${base}${roomSummaryPath(room)}/Participants/${participant.sid}`;
  return { ...participantSummary(room, participant), url };
}
