import type { Logger, TrackPriority } from '@roomlab/core';
// zod's mini API: what signaling needs from the first connect, a small part of zod to load.
import * as z from 'zod/mini';

/**
 * A subscriber's video bandwidth profile, read from the `bandwidth_profile` of its `connect` or a later
 * `update` (the SDK's `createBandwidthProfilePayload`). `clientTrackSwitchOffControl` and
 * `contentPreferencesMode` never reach the wire: they decide whether the SDK asks for `render_hints`.
 */
export interface VideoBandwidthProfile {
  mode?: 'grid' | 'collaboration' | 'presentation';
  /** Bits per second for all of the subscriber's video; absent or 0: no limit. */
  maxSubscriptionBitrate?: number;
  /** The most video tracks switched on at once (the older option); absent or 0 or less: no limit. */
  maxTracks?: number;
  /** The least priority the dominant speaker's video gets (`standard` unless set). */
  dominantSpeakerPriority?: TrackPriority;
  trackSwitchOffMode?: 'disabled' | 'detected' | 'predicted';
  /** The older option: the render size wanted per priority. Accepted; roomlab forwards one layer. */
  renderDimensions?: Partial<Record<TrackPriority, { width?: number; height?: number }>>;
}

const priority = z.enum(['low', 'standard', 'high']);
const dimensions = z.object({ width: z.optional(z.number()), height: z.optional(z.number()) });
/** A field kept when it is right, dropped (undefined) when it is not. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** Each field on its own: one the SDK (or anything else) got wrong is dropped, the others kept. */
const wireVideo = z.object({
  mode: lenient(z.enum(['grid', 'collaboration', 'presentation'])),
  max_subscription_bandwidth: lenient(z.number().check(z.nonnegative())),
  max_tracks: lenient(z.int()),
  active_speaker_priority: lenient(priority),
  track_switch_off: lenient(z.enum(['disabled', 'detected', 'predicted'])),
  render_dimensions: lenient(
    z.object({ low: z.optional(dimensions), standard: z.optional(dimensions), high: z.optional(dimensions) }),
  ),
});

/**
 * The profile a client sent, or undefined when it sent none (`bandwidth_profile` absent or without
 * `video`). Anything malformed is logged and left out, never refused: the SDK is the client.
 */
export function parseBandwidthProfile(raw: unknown, logger: Logger): VideoBandwidthProfile | undefined {
  if (raw === undefined || raw === null) return undefined;
  const video = typeof raw === 'object' ? (raw as { video?: unknown }).video : undefined;
  const parsed = wireVideo.safeParse(video);
  if (!parsed.success) {
    logger.warn('a bandwidth_profile from the client has no video object: ignored', parsed.error);
    return undefined;
  }
  const wire = parsed.data;
  const dropped = Object.keys(wireVideo.shape).filter(
    (key) =>
      (video as Record<string, unknown>)[key] !== undefined && wire[key as keyof typeof wire] === undefined,
  );
  if (dropped.length > 0)
    logger.warn(`bandwidth_profile.video fields not understood, ignored: ${dropped.join(', ')}`);
  const profile: VideoBandwidthProfile = {
    mode: wire.mode,
    maxSubscriptionBitrate: wire.max_subscription_bandwidth,
    maxTracks: wire.max_tracks,
    dominantSpeakerPriority: wire.active_speaker_priority,
    trackSwitchOffMode: wire.track_switch_off,
    renderDimensions: wire.render_dimensions,
  };
  return Object.fromEntries(
    Object.entries(profile).filter(([, value]) => value !== undefined),
  ) as VideoBandwidthProfile;
}
