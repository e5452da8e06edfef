import { type Engine, type Logger, roomTypeProfiles } from '@roomlab/core';
import { parseBandwidthProfile, type VideoBandwidthProfile } from '../media/bandwidth-profile.js';
import type { Session } from './sessions.js';

/**
 * Each session's video bandwidth profile: its own, from its connect or its latest update that carried
 * one, else its account's default (`POST /v1/Video/Profiles`). Twilio has bandwidth profiles in rooms
 * with media servers only.
 */
export interface SessionBandwidthProfiles {
  /** Keeps the client's `bandwidth_profile`; returns whether it held a profile (a broken one is logged). */
  set(session: Session, bandwidthProfile: unknown): boolean;
  of(session: Session): VideoBandwidthProfile | undefined;
  forget(session: Session): void;
}

export function sessionBandwidthProfiles(engine: Engine, logger: Logger): SessionBandwidthProfiles {
  const profiles = new Map<string, VideoBandwidthProfile>();
  return {
    set(session, bandwidthProfile) {
      const profile = parseBandwidthProfile(bandwidthProfile, logger);
      if (profile) profiles.set(session.id, profile);
      return profile !== undefined;
    },
    of(session) {
      const room = engine.findRoom(session.ref);
      if (!room || !roomTypeProfiles[room.type].usesMediaServers) return undefined;
      const own = profiles.get(session.id);
      if (own) return own;
      const fallback = engine.defaultBandwidthProfile(session.ref);
      return fallback && { maxSubscriptionBitrate: fallback.maxSubscriptionBitrate };
    },
    forget(session) {
      profiles.delete(session.id);
    },
  };
}
