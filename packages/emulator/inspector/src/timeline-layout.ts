import type { Delivery, EngineEvent, RoomState } from './wire-types.js';

export type MarkKind = 'room' | 'join' | 'leave' | 'publish' | 'unpublish' | 'webhook';

/** One thing that happened, placed on the timeline: in a row (the room, a participant, webhooks), at a time. */
export interface TimelineMark {
  /** Unique on the timeline: `e` and the event's sequence, or `d` and the delivery's id. */
  id: string;
  kind: MarkKind;
  /** The row: `room`, a participant's SID, or `webhooks`. */
  row: string;
  at: number;
  /** What happened, in words (shown on hover and in the timeline's list). */
  label: string;
  /** For webhooks: whether it reached its receiver. */
  state?: Delivery['state'];
}

export interface TimelineRow {
  id: string;
  label: string;
  /** The span a participant was in the room (absent for the room and webhook rows). */
  span?: { from: number; to: number };
}

export interface TimelineLayout {
  start: number;
  end: number;
  rows: TimelineRow[];
  marks: TimelineMark[];
}

const participantMarks: Partial<Record<EngineEvent['name'], MarkKind>> = {
  'participant-connected': 'join',
  'participant-disconnected': 'leave',
  'track-added': 'publish',
  'track-removed': 'unpublish',
};

function markOf(event: EngineEvent): TimelineMark | null {
  if (event.name === 'room-created' || event.name === 'room-ended')
    return { id: `e${event.sequence}`, kind: 'room', row: 'room', at: event.timestamp, label: event.name };
  const kind = participantMarks[event.name];
  if (!kind || !event.participant) return null;
  const what = event.track ? `${event.name} ${event.track.kind} "${event.track.name}"` : event.name;
  return {
    id: `e${event.sequence}`,
    kind,
    row: event.participant.sid,
    at: event.timestamp,
    label: `${event.participant.identity}: ${what}`,
  };
}

/**
 * A room's history laid out on its own time axis (the emulator's clock): from its creation to its end, or
 * to now while it is in progress. Each participant is a row spanning its time in the room, with its joins,
 * leaves and publications; the room's status callbacks are a row of their own, each at its event's time.
 */
export function timelineLayout(
  room: RoomState,
  events: readonly EngineEvent[],
  deliveries: readonly Delivery[],
  now: number,
): TimelineLayout {
  const own = events.filter((event) => event.room.sid === room.sid);
  const last = own.reduce((latest, event) => Math.max(latest, event.timestamp), room.dateCreated);
  const start = room.dateCreated;
  // A room in progress runs to now; a second at least, so a new room's marks do not all sit on one line.
  const end = Math.max(room.endTime ?? Math.max(now, last), start + 1000);
  const rows: TimelineRow[] = [
    { id: 'room', label: 'room' },
    ...room.participants.map((participant) => ({
      id: participant.sid,
      label: participant.identity,
      span: { from: participant.startTime, to: participant.endTime ?? end },
    })),
    { id: 'webhooks', label: 'webhooks' },
  ];
  const timeOf = new Map(own.map((event) => [event.sequence, event.timestamp]));
  const webhooks = deliveries.flatMap((delivery): TimelineMark[] => {
    const at = timeOf.get(delivery.sequence);
    if (delivery.roomSid !== room.sid || at === undefined) return [];
    return [
      {
        id: `d${delivery.id}`,
        kind: 'webhook',
        row: 'webhooks',
        at,
        label: `${delivery.event}: ${delivery.state}`,
        state: delivery.state,
      },
    ];
  });
  const marks = [...own.map(markOf).filter((mark) => mark !== null), ...webhooks];
  return { start, end, rows, marks };
}
