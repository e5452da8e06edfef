import type { Engine, EngineEvent } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';
import type { Session, Sessions } from './sessions.js';

/**
 * The engine decides what each participant is subscribed to (its subscribe rules); the media server
 * forwards exactly that. Without a media server there is nothing to forward.
 */
export interface Subscriptions {
  /** Tells the media server the full set of tracks the engine has this session's participant receive. */
  sync(session: Session): void;
  /** A `track-subscribed` or `track-unsubscribed`: the subscriber's set changed. */
  changed(event: EngineEvent): void;
}

export function subscriptions(engine: Engine, sfu: Sfu | undefined, sessions: Sessions): Subscriptions {
  const sync = (session: Session) => {
    const participant = engine.findRoom(session.ref)?.participants.get(session.ref.participant);
    if (sfu && participant) sfu.subscribe(session.id, participant.subscribedTracks.keys());
  };
  return {
    sync,
    changed(event) {
      const subscriber = event.participant && sessions.ofParticipant(event.participant.sid);
      if (subscriber) sync(subscriber);
    },
  };
}
