import { type Engine, hasDominantSpeaker, type ParticipantRecord, type ParticipantRef } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';
import { connectedOthers } from './participant-states.js';
import type { Session } from './sessions.js';

/**
 * What room signaling hands to the media server: a session joining (with the media-signaling features
 * its client asked for), the client's peer-connection descriptions, and the session leaving. Without a
 * media server, clients get signaling only and these do nothing.
 */
export interface MediaHandOff {
  /** `requested` is the `media_signaling` object of the client's `connect`. */
  join(session: Session, requested: unknown): void;
  /** `peerConnections` is the `peer_connections` list of a client message. */
  describe(session: Session, peerConnections: unknown): void;
  leave(session: Session): void;
}

/**
 * The levels a client's network quality report is answered with: each participant's forced level (the
 * control API's), else 5 (excellent): roomlab does not measure the network yet.
 */
function networkQualityFor(engine: Engine, ref: ParticipantRef) {
  const levelOf = (participant: ParticipantRecord | undefined) => participant?.networkQualityLevel ?? 5;
  const room = engine.findRoom(ref);
  return {
    local: levelOf(room?.participants.get(ref.participant)),
    remotes: connectedOthers(engine, ref).map((other) => ({ sid: other.sid, level: levelOf(other) })),
  };
}

/** The most peer-connection descriptions read from one message. */
const maxDescriptions = 8;

export function mediaHandOff(engine: Engine, sfu: Sfu | undefined): MediaHandOff {
  if (!sfu) return { join: () => undefined, describe: () => undefined, leave: () => undefined };
  return {
    join(session, requested) {
      const room = engine.findRoom(session.ref);
      // Only group rooms have a dominant speaker (as Twilio's): elsewhere the SDK is never granted the channel.
      const features = (
        typeof requested === 'object' && requested !== null ? Object.keys(requested) : []
      ).filter((feature) => feature !== 'active_speaker' || (room !== undefined && hasDominantSpeaker(room)));
      sfu.join(session.id, {
        send: (message) => session.connection?.send({ ...message, session: session.id }),
        trackSidOf: (clientTrackId) => session.tracks.get(clientTrackId)?.sid,
        roomSid: session.ref.room,
        networkQuality: () => networkQualityFor(engine, session.ref),
        features: new Set(features),
        videoCodecs: room?.videoCodecs ?? [],
      });
    },
    describe(session, peerConnections) {
      if (!Array.isArray(peerConnections)) return;
      for (const entry of peerConnections.slice(0, maxDescriptions)) {
        const { id, description } = (entry ?? {}) as {
          id?: unknown;
          description?: { type?: unknown; revision?: unknown; sdp?: unknown };
        };
        if (
          typeof id !== 'string' ||
          typeof description?.type !== 'string' ||
          typeof description.revision !== 'number'
        )
          continue;
        sfu.describe(session.id, id, {
          type: description.type,
          revision: description.revision,
          sdp: typeof description.sdp === 'string' ? description.sdp : undefined,
        });
      }
    },
    leave: (session) => sfu.leave(session.id),
  };
}
