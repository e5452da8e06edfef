import { TwilioError } from '@roomlab/core';
import { applyTracks, clientTracks, publishedState } from './publications.js';
import { updateBody } from './room-state-messages.js';
import type { Session } from './sessions.js';
import type { SignalingParts } from './signaling-parts.js';

/**
 * A connected client's `update`: peer-connection descriptions go to the media server; its own state,
 * when newer than the last one it sent, says which tracks it publishes, answered by `published`.
 */
export function clientUpdate(parts: SignalingParts, session: Session, body: Record<string, unknown>): void {
  parts.media.describe(session, body.peer_connections);
  if (body.bandwidth_profile !== undefined)
    parts.media.updateBandwidthProfile(session, body.bandwidth_profile);
  const participant = body.participant as { revision?: unknown; tracks?: unknown } | undefined;
  if (
    !participant ||
    typeof participant.revision !== 'number' ||
    participant.revision <= session.clientRevision
  )
    return;
  const tracks = clientTracks(participant.tracks);
  if (!tracks)
    throw new TwilioError(53004, 'Client sent an invalid signaling message: bad participant tracks');
  session.clientRevision = participant.revision;
  applyTracks(parts.engine, session, tracks, parts.logger);
  session.connection?.send(updateBody(session.id, { published: publishedState(session) }));
}
