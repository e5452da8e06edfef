import { durationSeconds } from '../clock.js';
import type { ParticipantSnapshot, RoomSnapshot, TrackSnapshot } from './events.js';
import type { ParticipantRecord, PublishedTrackRecord, RoomRecord } from './records.js';

/**
 * Copies of records as an event carries them: taken when it happened, so history is never rewritten.
 * Snapshots are read-only, so events in a row about an unchanged record share one: a room's join, its
 * tracks and their subscriptions emit dozens of events about the same room, and the event log keeps
 * thousands of them.
 */

/** How many records' snapshots each kind remembers: more than a room's participants and tracks, as a rule. */
const remembered = 256;

/**
 * Remembers the snapshots of the records last taken, and hands one out again while its record has not
 * changed. A track's subscriptions alternate between subscribers: one remembered record would miss.
 */
function lastSnapshot<R, S extends object>(take: (record: R) => S): (record: R) => S {
  const kept = new Map<R, S>();
  return (record) => {
    const fresh = take(record);
    const last = kept.get(record);
    if (last && sameFields(last, fresh)) return last;
    kept.delete(record);
    kept.set(record, fresh);
    // The oldest goes first: a Map iterates in insertion order.
    if (kept.size > remembered) kept.delete(kept.keys().next().value as R);
    return fresh;
  };
}

/** Field by field; `for…in` walks a snapshot's own fields without making a list of its keys. */
function sameFields<S extends object>(a: S, b: S): boolean {
  for (const key in b) if (a[key] !== b[key]) return false;
  return true;
}

export const roomSnapshot = lastSnapshot(
  (room: RoomRecord): RoomSnapshot => ({
    sid: room.sid,
    accountSid: room.accountSid,
    uniqueName: room.uniqueName,
    status: room.status,
    type: room.type,
    durationSeconds: room.endTime === null ? null : durationSeconds(room.dateCreated, room.endTime),
    statusCallback: room.statusCallback,
    statusCallbackMethod: room.statusCallbackMethod,
  }),
);

export const participantSnapshot = lastSnapshot(
  (participant: ParticipantRecord): ParticipantSnapshot => ({
    sid: participant.sid,
    identity: participant.identity,
    status: participant.status,
    durationSeconds:
      participant.endTime === null ? null : durationSeconds(participant.startTime, participant.endTime),
  }),
);

export const trackSnapshot = lastSnapshot(
  (track: PublishedTrackRecord): TrackSnapshot => ({
    sid: track.sid,
    name: track.name,
    kind: track.kind,
    enabled: track.enabled,
    priority: track.priority,
  }),
);
