import { describe, expect, it } from 'vitest';
import { timelineLayout } from './timeline-layout.js';
import type { Delivery, EngineEvent, RoomState } from './wire-types.js';

const room = {
  sid: 'RM1',
  uniqueName: 'standup',
  dateCreated: 10_000,
  endTime: null,
  participants: [
    { sid: 'PA1', identity: 'alice', startTime: 11_000, endTime: 15_000 },
    { sid: 'PA2', identity: 'bob', startTime: 12_000, endTime: null },
  ],
} as unknown as RoomState;

const event = (sequence: number, name: string, timestamp: number, extra: object = {}) =>
  ({ sequence, name, timestamp, room: { sid: 'RM1' }, ...extra }) as unknown as EngineEvent;
const alice = { participant: { sid: 'PA1', identity: 'alice' } };

const events = [
  event(1, 'room-created', 10_000),
  event(2, 'participant-connected', 11_000, alice),
  event(3, 'track-added', 11_500, { ...alice, track: { kind: 'audio', name: 'mic' } }),
  event(4, 'track-subscribed', 11_600, alice),
  event(5, 'participant-disconnected', 15_000, alice),
  { ...event(6, 'room-created', 12_000), room: { sid: 'RM2' } } as EngineEvent,
];

describe('a room timeline', () => {
  it('runs from the room’s creation to now while it is in progress, a row per participant over its time in', () => {
    const layout = timelineLayout(room, events, [], 20_000);
    expect(layout).toMatchObject({ start: 10_000, end: 20_000 });
    expect(layout.rows).toEqual([
      { id: 'room', label: 'room' },
      { id: 'PA1', label: 'alice', span: { from: 11_000, to: 15_000 } },
      { id: 'PA2', label: 'bob', span: { from: 12_000, to: 20_000 } },
      { id: 'webhooks', label: 'webhooks' },
    ]);
  });

  it('marks the room’s own joins, leaves and publications (not its subscriptions, nor other rooms)', () => {
    const marks = timelineLayout(room, events, [], 20_000).marks.map(({ kind, row, at, label }) => [
      kind,
      row,
      at,
      label,
    ]);
    expect(marks).toEqual([
      ['room', 'room', 10_000, 'room-created'],
      ['join', 'PA1', 11_000, 'alice: participant-connected'],
      ['publish', 'PA1', 11_500, 'alice: track-added audio "mic"'],
      ['leave', 'PA1', 15_000, 'alice: participant-disconnected'],
    ]);
  });

  it('places each of the room’s webhooks at its event’s time, with how its delivery went', () => {
    const deliveries = [
      { id: 'a', sequence: 2, roomSid: 'RM1', event: 'participant-connected', state: 'delivered' },
      { id: 'b', sequence: 5, roomSid: 'RM1', event: 'participant-disconnected', state: 'failed' },
      { id: 'c', sequence: 6, roomSid: 'RM2', event: 'room-created', state: 'delivered' },
    ] as Delivery[];
    const webhooks = timelineLayout(room, events, deliveries, 20_000).marks.filter(
      (mark) => mark.kind === 'webhook',
    );
    expect(webhooks).toEqual([
      {
        id: 'da',
        kind: 'webhook',
        row: 'webhooks',
        at: 11_000,
        label: 'participant-connected: delivered',
        state: 'delivered',
      },
      {
        id: 'db',
        kind: 'webhook',
        row: 'webhooks',
        at: 15_000,
        label: 'participant-disconnected: failed',
        state: 'failed',
      },
    ]);
  });

  it('ends where an ended room ended, and spans a second at least', () => {
    expect(timelineLayout({ ...room, endTime: 16_000 }, events, [], 90_000).end).toBe(16_000);
    expect(timelineLayout({ ...room, participants: [] }, [], [], 10_000).end).toBe(11_000);
  });
});
