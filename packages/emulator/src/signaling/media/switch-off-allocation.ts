import type { TrackPriority, TrackSwitchReason } from '@roomlab/core';
import type { VideoBandwidthProfile } from './bandwidth-profile.js';

/**
 * Which of one subscriber's video tracks are switched on: a pure decision, made again whenever its
 * inputs change. Tracks are ranked by effective priority (the subscriber's own priority for the track
 * if it set one, else the publisher's; the dominant speaker's tracks raised to at least
 * `dominantSpeakerPriority`, and first among equals). Then, in that order, tracks are kept on while
 * they fit in `maxTracks` and in the bitrate budget (`maxSubscriptionBitrate`, lowered to what the
 * subscriber's path carries when that is less); from the first that does not fit, the rest are off.
 * The first track is always kept, as Twilio does (its lowest layer fits any budget). A track that is
 * off comes on only if it fits with `switchOnHeadroom` to spare, so that bitrates moving a little around
 * the budget do not switch it on and off every time they are measured.
 */

/** The share of the budget a switched-off track must fit in to come on again. */
export const switchOnHeadroom = 0.85;

export interface AllocationTrack {
  sid: string;
  /** The publisher's participant SID. */
  publisher: string;
  publishPriority: TrackPriority;
  /** The subscriber's own priority for it (`RemoteVideoTrack.setPriority`), if it set one. */
  subscribePriority?: TrackPriority;
  /** Bits per second it takes, measured or estimated. */
  bitrate: number;
  /** The subscriber switched it off itself (`switchOff()`, a render hint). */
  switchedOffByClient: boolean;
  /** Whether it is forwarded now: one that is off must fit with room to spare to come on. */
  switchedOn?: boolean;
}

export interface AllocationInput {
  /** In subscription order: the tie-break after priority and dominance. */
  tracks: readonly AllocationTrack[];
  /** Undefined: the subscriber has no profile, only its own switch-offs apply. */
  profile: VideoBandwidthProfile | undefined;
  /** The dominant speaker's participant SID, when the subscriber follows it. */
  dominantSpeaker: string | null | undefined;
  /** Bits per second the subscriber's path carries now, when it is limited. */
  availableBitrate: number | undefined;
}

export interface TrackAllocation {
  on: boolean;
  reason: TrackSwitchReason;
}

const rank: Record<TrackPriority, number> = { low: 0, standard: 1, high: 2 };

function effectiveRank(track: AllocationTrack, input: AllocationInput): number {
  const own = rank[track.subscribePriority ?? track.publishPriority];
  if (track.publisher !== input.dominantSpeaker) return own;
  return Math.max(own, rank[input.profile?.dominantSpeakerPriority ?? 'standard']);
}

/** The budget and the reason a track that does not fit in it is off. */
function budgetOf(input: AllocationInput): { bitrate: number; reason: TrackSwitchReason } {
  const cap = input.profile?.maxSubscriptionBitrate || Number.POSITIVE_INFINITY;
  const path = input.availableBitrate ?? Number.POSITIVE_INFINITY;
  return path < cap ? { bitrate: path, reason: 'impaired-path' } : { bitrate: cap, reason: 'bitrate-cap' };
}

/** Tracks in the order they are kept: highest effective priority first, the dominant speaker's first among equals. */
export function rankTracks(input: AllocationInput): AllocationTrack[] {
  const dominant = (track: AllocationTrack) => (track.publisher === input.dominantSpeaker ? 1 : 0);
  return [...input.tracks].sort(
    (a, b) => effectiveRank(b, input) - effectiveRank(a, input) || dominant(b) - dominant(a),
  );
}

export function allocate(input: AllocationInput): Map<string, TrackAllocation> {
  const result = new Map<string, TrackAllocation>();
  const budget = budgetOf(input);
  const maxTracks =
    (input.profile?.maxTracks ?? 0) > 0 ? (input.profile?.maxTracks ?? 0) : Number.POSITIVE_INFINITY;
  let used = 0;
  let kept = 0;
  let cutOff: TrackSwitchReason | undefined;
  for (const track of rankTracks(input)) {
    if (track.switchedOffByClient) {
      result.set(track.sid, { on: false, reason: 'manual' });
      continue;
    }
    if (!cutOff && kept >= maxTracks) cutOff = 'max-tracks';
    const room = track.switchedOn === false ? budget.bitrate * switchOnHeadroom : budget.bitrate;
    if (!cutOff && kept > 0 && used + track.bitrate > room) cutOff = budget.reason;
    if (cutOff) {
      result.set(track.sid, { on: false, reason: cutOff });
      continue;
    }
    used += track.bitrate;
    kept += 1;
    result.set(track.sid, { on: true, reason: 'allocated' });
  }
  return result;
}
