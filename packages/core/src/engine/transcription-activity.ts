import type { RoomRecord, TranscriptionRecord } from './records.js';

/**
 * When a transcription was at work, as Twilio reports it: it works while it is started and someone is
 * in the room. `startTime` is when it first worked; `endTime` when it last paused (null while it
 * works); `durationSeconds` the whole seconds it worked, known once it pauses.
 */
export interface TranscriptionActivity {
  startTime: number | null;
  endTime: number | null;
  durationSeconds: number | null;
}

type Span = { from: number; to: number };

/** Overlapping or touching spans joined, in order. */
function union(spans: Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const last = joined.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else joined.push({ ...span });
  }
  return joined;
}

function intersect(a: Span[], b: Span[]): Span[] {
  return a.flatMap((left) =>
    b.flatMap((right) => {
      const from = Math.max(left.from, right.from);
      const to = Math.min(left.to, right.to);
      return from < to ? [{ from, to }] : [];
    }),
  );
}

export function transcriptionActivity(
  transcription: TranscriptionRecord,
  room: RoomRecord,
  now: number,
): TranscriptionActivity {
  const until = room.endTime ?? now;
  const occupied = union(
    [...room.participants.values()].map((participant) => ({
      from: participant.startTime,
      to: participant.endTime ?? until,
    })),
  );
  const started = transcription.startedSpans.map((span) => ({ from: span.from, to: span.to ?? until }));
  const worked = intersect(started, occupied);
  const working =
    transcription.status === 'started' &&
    room.status === 'in-progress' &&
    [...room.participants.values()].some((participant) => participant.status === 'connected');
  const endTime = working ? null : (worked.at(-1)?.to ?? null);
  const totalMs = worked.reduce((sum, span) => sum + span.to - span.from, 0);
  return {
    // Work that began this very instant has no length yet, but it has begun.
    startTime: worked[0]?.from ?? (working ? now : null),
    endTime,
    durationSeconds: endTime === null ? null : Math.floor(totalMs / 1000),
  };
}
