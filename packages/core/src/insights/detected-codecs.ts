import type { DetectedCodec, ParticipantRecord } from '../engine/records.js';

/** The spec's order of Insights' codecs: summaries list them so, whichever media arrived first. */
const specOrder: readonly DetectedCodec[] = ['VP8', 'H264', 'VP9', 'opus'];

/** The codecs detected from these participants, once each in the spec's order; null when none were. */
export function detectedCodecs(participants: readonly ParticipantRecord[]): DetectedCodec[] | null {
  const seen = new Set(participants.flatMap((participant) => participant.codecs ?? []));
  return seen.size === 0 ? null : specOrder.filter((codec) => seen.has(codec));
}
