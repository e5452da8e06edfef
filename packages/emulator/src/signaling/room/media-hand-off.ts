import { type Engine, type Logger, roomTypeProfiles } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';
import { networkQualityReports } from './network-quality-reports.js';
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

/** The most peer-connection descriptions read from one message. */
const maxDescriptions = 8;

export function mediaHandOff(engine: Engine, sfu: Sfu | undefined, logger: Logger): MediaHandOff {
  if (!sfu) return { join: () => undefined, describe: () => undefined, leave: () => undefined };
  return {
    join(session, requested) {
      const room = engine.findRoom(session.ref);
      // Twilio's media-signaling features (dominant speaker, network quality, bandwidth profiles,
      // transcriptions) come from its media servers: peer-to-peer and go rooms have none.
      const usesMediaServers = room !== undefined && roomTypeProfiles[room.type].usesMediaServers;
      const requestedFeatures = typeof requested === 'object' && requested !== null ? Object.keys(requested) : [];
      const features = usesMediaServers ? requestedFeatures : [];
      const quality = networkQualityReports(engine, session.ref, logger);
      sfu.join(session.id, {
        send: (message) => session.connection?.send({ ...message, session: session.id }),
        trackSidOf: (clientTrackId) => session.tracks.get(clientTrackId)?.sid,
        roomSid: session.ref.room,
        networkQuality: quality.report,
        ...(usesMediaServers ? { measured: quality.measured } : {}),
        features: new Set(features),
        videoCodecs: room?.videoCodecs ?? [],
        networkConditions: () =>
          engine.findRoom(session.ref)?.participants.get(session.ref.participant)?.networkConditions ?? null,
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
