import type { EngineEvent } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';
import type { Sessions } from './sessions.js';

/**
 * A test impaired (or cleared) a participant's network path: the media server applies it to the
 * participant's peer connection at once. A connection made later reads the conditions as it opens.
 */
export function networkConditionsRelay(sfu: Sfu | undefined, sessions: Sessions) {
  return (event: EngineEvent) => {
    const session = event.participant && sessions.ofParticipant(event.participant.sid);
    if (sfu && session) sfu.networkConditionsChanged(session.id);
  };
}
