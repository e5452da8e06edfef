import type { Logger, TrackPriority, TrackSwitchReason } from '@roomlab/core';
import { bitrateOf } from './bitrate-meter.js';
import type { Subscriber } from './forwards.js';
import type { Lifetime } from './lifetime.js';
import type { MediaClient } from './media-client.js';
import type { PublishedTracks } from './published-tracks.js';
import { type AllocationTrack, allocate } from './switch-off-allocation.js';

/**
 * Track switch-off for one subscriber: which of its video forwards the SFU keeps sending. The client
 * switches tracks off and on itself with `render_hints` (`RemoteVideoTrack.switchOff()`/`switchOn()`),
 * sets its own priority for a track with `track_priority`, and the allocation (switch-off-allocation.ts)
 * switches off the rest that its bandwidth profile or its path cannot carry. The client hears of every
 * change on `track_switch_off`; the reason goes to the engine's event log.
 */
export interface SwitchOff {
  /** A `render_hints` message: applied, and the answer the SDK waits for. */
  renderHints(message: unknown): Record<string, unknown>;
  /** A `track_priority` message: the subscriber's own priority for a track. */
  trackPriority(message: unknown): void;
  /** The client's `track_switch_off` channel is ready: it hears the whole state. */
  ready(): void;
  /** Decides again (a subscription, a priority, the dominant speaker or the profile changed). */
  reallocate(): void;
}

export interface SwitchOffOptions {
  subscriber: Subscriber;
  published: PublishedTracks;
  client: MediaClient;
  /** The participant SID of a publisher's signaling session. */
  participantOf(sessionId: string): string | undefined;
  /** The dominant speaker of the client's room as last told (undefined: none told yet). */
  dominantSpeaker(): string | null | undefined;
  /** Sends on the client's `track_switch_off` channel. */
  send(message: Record<string, unknown>): void;
  /** The connection: owns the timer that follows the measured bitrates. */
  lifetime: Lifetime;
  logger: Logger;
}

/** How often the allocation follows the measured bitrates, while there is a budget to keep. */
const remeasureMs = 2000;

const priorities = new Set<unknown>(['low', 'standard', 'high']);

export function createSwitchOff(options: SwitchOffOptions): SwitchOff {
  const { subscriber, published, client, logger } = options;
  const offByClient = new Set<string>();
  const subscribePriorities = new Map<string, TrackPriority>();
  /** What the client was last told of each forwarded video track: on (true) or off. */
  const told = new Map<string, boolean>();

  const videoTracks = (): AllocationTrack[] =>
    [...subscriber.forwards.keys()].flatMap((sid) => {
      const publication = published.get(sid);
      if (publication?.kind !== 'video') return [];
      return [
        {
          sid,
          publisher: options.participantOf(publication.publisher) ?? publication.publisher,
          publishPriority: client.publishPriorityOf?.(sid) ?? 'standard',
          subscribePriority: subscribePriorities.get(sid),
          bitrate: bitrateOf(publication),
          switchedOffByClient: offByClient.has(sid),
          switchedOn: told.get(sid),
        },
      ];
    });

  const tell = (off: string[], on: string[]) => {
    if (off.length > 0 || on.length > 0) options.send({ type: 'track_switch_off', off, on });
  };

  /** Switches the forward; returns whether the client needs telling (a new track starts on: not then). */
  const apply = (sid: string, on: boolean, reason: TrackSwitchReason) => {
    const isNew = !told.has(sid);
    told.set(sid, on);
    if (isNew && on) return false;
    subscriber.forwards.get(sid)?.switch?.(on);
    client.recordTrackSwitch?.({ trackSid: sid, on, reason });
    return true;
  };

  const reallocate = () => {
    const allocation = allocate({
      tracks: videoTracks(),
      profile: client.bandwidthProfile?.(),
      dominantSpeaker: client.features.has('active_speaker') ? options.dominantSpeaker() : undefined,
      availableBitrate: client.availableBitrate?.(),
    });
    // A track no longer forwarded (unsubscribed, unpublished) starts afresh if it comes back.
    for (const sid of [...told.keys()]) {
      if (allocation.has(sid)) continue;
      told.delete(sid);
      offByClient.delete(sid);
      subscribePriorities.delete(sid);
    }
    const off: string[] = [];
    const on: string[] = [];
    for (const [sid, decided] of allocation) {
      if (told.get(sid) === decided.on) continue;
      if (apply(sid, decided.on, decided.reason)) (decided.on ? on : off).push(sid);
    }
    tell(off, on);
    followBitrates();
  };

  /** While a budget applies, measured bitrates change what fits: decide again every few seconds. */
  let following = false;
  const followBitrates = () => {
    const limited =
      Boolean(client.bandwidthProfile?.()?.maxSubscriptionBitrate) ||
      client.availableBitrate?.() !== undefined;
    if (!limited || following || subscriber.forwards.size === 0) return;
    following = true;
    options.lifetime.after(remeasureMs, () => {
      following = false;
      reallocate();
    });
  };

  return {
    renderHints(message) {
      const hints = readHints(message, logger);
      for (const hint of hints) {
        if (hint.enabled === false) offByClient.add(hint.track);
        if (hint.enabled === true) offByClient.delete(hint.track);
      }
      reallocate();
      return {
        type: 'render_hints',
        subscriber: { id: hints.id, hints: hints.map(({ track }) => ({ track, result: 'OK' })) },
      };
    },
    trackPriority(message) {
      const { track, subscribe } = (message ?? {}) as { track?: unknown; subscribe?: unknown };
      if (typeof track !== 'string' || !(subscribe === null || priorities.has(subscribe))) {
        logger.warn('a track_priority message from the client is malformed: ignored');
        return;
      }
      if (subscribe === null) subscribePriorities.delete(track);
      else subscribePriorities.set(track, subscribe as TrackPriority);
      reallocate();
    },
    ready() {
      const states = [...told];
      tell(
        states.filter(([, on]) => !on).map(([sid]) => sid),
        states.filter(([, on]) => on).map(([sid]) => sid),
      );
    },
    reallocate,
  };
}

interface RenderHint {
  track: string;
  enabled?: boolean;
}

/** The hints of a `render_hints` message (with its id); malformed ones are logged and left out. */
function readHints(message: unknown, logger: Logger): RenderHint[] & { id: unknown } {
  const subscriber = (message as { subscriber?: { id?: unknown; hints?: unknown } }).subscriber;
  const raw = Array.isArray(subscriber?.hints) ? (subscriber.hints as unknown[]) : [];
  const hints = raw.flatMap((hint): RenderHint[] => {
    const { track, enabled } = (hint ?? {}) as { track?: unknown; enabled?: unknown };
    if (typeof track === 'string' && (enabled === undefined || typeof enabled === 'boolean'))
      return [{ track, enabled }];
    logger.warn('a render hint from the client is malformed: ignored');
    return [];
  });
  return Object.assign(hints, { id: subscriber?.id });
}
