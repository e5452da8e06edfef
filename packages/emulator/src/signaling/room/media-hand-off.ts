import {
  type Engine,
  type Logger,
  type ParticipantRecord,
  type ParticipantRef,
  roomTypeProfiles,
} from '@roomlab/core';
import { parseBandwidthProfile, type VideoBandwidthProfile } from '../media/bandwidth-profile.js';
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
  join(session: Session, requested: unknown, bandwidthProfile: unknown): void;
  /** The `bandwidth_profile` of a client `update`, when it carries one: the client changed its profile. */
  updateBandwidthProfile(session: Session, bandwidthProfile: unknown): void;
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

/** Media-signaling features for bandwidth profiles: Twilio has them in rooms with media servers only. */
const switchOffFeatures = new Set(['track_priority', 'track_switch_off', 'render_hints']);

/** The publish priority of a track in the participant's room. */
function publishPriorityOf(engine: Engine, ref: ParticipantRef, trackSid: string) {
  for (const participant of engine.findRoom(ref)?.participants.values() ?? [])
    if (participant.publishedTracks.has(trackSid)) return participant.publishedTracks.get(trackSid)?.priority;
  return undefined;
}

/** The most peer-connection descriptions read from one message. */
const maxDescriptions = 8;

export function mediaHandOff(engine: Engine, sfu: Sfu | undefined, logger: Logger): MediaHandOff {
  if (!sfu)
    return {
      join: () => undefined,
      updateBandwidthProfile: () => undefined,
      describe: () => undefined,
      leave: () => undefined,
    };
  /** Each session's own profile, from its connect or its latest update that carried one. */
  const profiles = new Map<string, VideoBandwidthProfile>();
  const profileOf = (session: Session): VideoBandwidthProfile | undefined => {
    const room = engine.findRoom(session.ref);
    if (!room || !roomTypeProfiles[room.type].usesMediaServers) return undefined;
    const own = profiles.get(session.id);
    if (own) return own;
    const fallback = engine.defaultBandwidthProfile(session.ref);
    return fallback && { maxSubscriptionBitrate: fallback.maxSubscriptionBitrate };
  };
  return {
    join(session, requested, bandwidthProfile) {
      const usesMediaServers = roomTypeProfiles[engine.getRoom(session.ref).type].usesMediaServers;
      const features = (
        typeof requested === 'object' && requested !== null ? Object.keys(requested) : []
      ).filter((feature) => usesMediaServers || !switchOffFeatures.has(feature));
      const profile = parseBandwidthProfile(bandwidthProfile, logger);
      if (profile) profiles.set(session.id, profile);
      sfu.join(session.id, {
        send: (message) => session.connection?.send({ ...message, session: session.id }),
        trackSidOf: (clientTrackId) => session.tracks.get(clientTrackId)?.sid,
        roomSid: session.ref.room,
        networkQuality: () => networkQualityFor(engine, session.ref),
        features: new Set(features),
        videoCodecs: engine.findRoom(session.ref)?.videoCodecs ?? [],
        participantSid: session.ref.participant,
        publishPriorityOf: (trackSid) => publishPriorityOf(engine, session.ref, trackSid),
        bandwidthProfile: () => profileOf(session),
        // The input for an impaired path: the lead wires the participant's network conditions here.
        availableBitrate: () => undefined,
        recordTrackSwitch: (change) => engine.recordTrackSwitch(session.ref, change),
      });
    },
    updateBandwidthProfile(session, bandwidthProfile) {
      const profile = parseBandwidthProfile(bandwidthProfile, logger);
      if (!profile) return;
      profiles.set(session.id, profile);
      sfu.reallocate(session.ref.room);
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
    leave(session) {
      profiles.delete(session.id);
      sfu.leave(session.id);
    },
  };
}
