import type { Clock, Engine, EngineEvent, Logger } from '@roomlab/core';
import type { ListenerSet } from '../listener-set.js';
import type { Delivery, StatusCallbackDelivery } from '../webhooks/status-callback-delivery.js';
import type { Fault, FaultTable } from './faults.js';
import type { LoggedRequest, RequestLog } from './request-log.js';

/** The emulator's clock as `GET /_roomlab/clock` shows it. */
export interface ClockReading {
  now: number;
  iso: string;
}

export const clockReading = (now: number): ClockReading => ({ now, iso: new Date(now).toISOString() });

/**
 * One change a live view shows, named as `GET /_roomlab/live` names its events. `reset` says the
 * state was replaced (reset, restore, seed): a view reads everything again.
 */
export type LiveEvent =
  | { type: 'engine'; data: EngineEvent }
  | { type: 'request'; data: LoggedRequest }
  | { type: 'status-callback'; data: Delivery }
  | { type: 'faults'; data: { faults: readonly Fault[] } }
  | { type: 'clock'; data: ClockReading }
  | { type: 'reset'; data: Record<string, never> };

/** Who follows the feed: told each change, and told when the feed ends (the emulator closed). */
export interface LiveFollower {
  event(event: LiveEvent): void;
  end(): void;
}

/** Where the changes come from. */
export interface LiveSources {
  engine: Pick<Engine, 'subscribe'>;
  requests: Pick<RequestLog, 'onRecord'>;
  statusCallbacks: Pick<StatusCallbackDelivery, 'onChange'>;
  faults: Pick<FaultTable, 'onChange'>;
  clock: Pick<Clock, 'now' | 'onAdvance'>;
  /** Told when the state is replaced. */
  resets: Pick<ListenerSet<void>, 'add'>;
  logger: Logger;
}

export interface LiveFeed {
  /** Tells `follower` every change from now on; returns the function that stops it. */
  follow(follower: LiveFollower): () => void;
  /** How many follow it now. */
  readonly followers: number;
  /** Ends every follower and stops listening to the sources. */
  close(): void;
}

/** A delivery as it is now: the record itself changes as attempts are made. */
const deliveryNow = (delivery: Delivery): Delivery => ({ ...delivery, attempts: [...delivery.attempts] });

/**
 * Every change of the emulator as one feed, for the inspector. It listens to its sources only while
 * someone follows it: with no follower, the engine, the request log and the deliveries run as if it did
 * not exist. A follower that throws is dropped (and logged), so it can never break the change that
 * told it.
 */
export function liveFeed(sources: LiveSources): LiveFeed {
  const followers = new Set<LiveFollower>();
  let detach: (() => void)[] = [];

  const broadcast = (event: LiveEvent) => {
    for (const follower of [...followers]) {
      try {
        follower.event(event);
      } catch (error) {
        followers.delete(follower);
        sources.logger.error(`a live follower failed on a ${event.type} event and was dropped`, error);
      }
    }
    if (followers.size === 0) stopListening();
  };

  const listen = () => {
    detach = [
      sources.engine.subscribe((data) => broadcast({ type: 'engine', data })),
      sources.requests.onRecord((data) => broadcast({ type: 'request', data })),
      sources.statusCallbacks.onChange((delivery) =>
        broadcast({ type: 'status-callback', data: deliveryNow(delivery) }),
      ),
      sources.faults.onChange((faults) => broadcast({ type: 'faults', data: { faults: [...faults] } })),
      sources.clock.onAdvance(() => broadcast({ type: 'clock', data: clockReading(sources.clock.now()) })),
      sources.resets.add(() => broadcast({ type: 'reset', data: {} })),
    ];
  };

  const stopListening = () => {
    for (const stop of detach.splice(0)) stop();
  };

  return {
    follow(follower) {
      if (followers.size === 0) listen();
      followers.add(follower);
      return () => {
        if (followers.delete(follower) && followers.size === 0) stopListening();
      };
    },
    get followers() {
      return followers.size;
    },
    close() {
      const ending = [...followers];
      followers.clear();
      stopListening();
      for (const follower of ending) follower.end();
    },
  };
}
