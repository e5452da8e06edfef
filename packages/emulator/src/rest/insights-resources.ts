import { type ParticipantRecord, participantSummary, type RoomRecord, roomSummary } from '@roomlab/core';

/** Insights' summaries as JSON resources, with `url` and `links` under the emulator's base URL. */

export function roomSummaryPath(room: RoomRecord): string {
  return `/v1/Video/Rooms/${room.sid}`;
}

export function roomSummaryResource(room: RoomRecord, base: string, now: number) {
  const url = base + roomSummaryPath(room);
  return { ...roomSummary(room, now), url, links: { participants: `${url}/Participants` } };
}

export function participantSummaryResource(room: RoomRecord, participant: ParticipantRecord, base: string) {
  const url = `${base}${roomSummaryPath(room)}/Participants/${participant.sid}`;
  return { ...participantSummary(room, participant), url };
}
