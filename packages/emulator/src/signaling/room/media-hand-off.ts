import {
  type DetectedCodec,
  dominantSpeakerOf,
  type Engine,
  type Logger,
  type ParticipantRef,
  roomTypeProfiles,
} from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';
import { networkQualityReports } from './network-quality-reports.js';
import { sessionBandwidthProfiles } from './session-bandwidth-profiles.js';
import type { Session } from './sessions.js';

/**
 * What room signaling hands to the media server: a session joining (with the media-signaling features
 * its client asked for, and its bandwidth profile), the client's peer-connection descriptions and
 * profile changes, and the session leaving. Without a media server, clients get signaling only and
 * these do nothing.
 */
export interface MediaHandOff {
  /** `requested` is the `media_signaling` object of the client's `connect`; `bandwidthProfile` its `bandwidth_profile`. */
  join(session: Session, requested: unknown, bandwidthProfile: unknown): void;
  /** The `bandwidth_profile` of a client `update`, when it carries one: the client changed its profile. */
  updateBandwidthProfile(session: Session, bandwidthProfile: unknown): void;
  /** `peerConnections` is the `peer_connections` list of a client message. */
  describe(session: Session, peerConnections: unknown): void;
  leave(session: Session): void;
}

/** The publish priority of a track in the participant's room. */
function publishPriorityOf(engine: Engine, ref: ParticipantRef, trackSid: string) {
  for (const participant of engine.findRoom(ref)?.participants.values() ?? [])
    if (participant.publishedTracks.has(trackSid)) return participant.publishedTracks.get(trackSid)?.priority;
  return undefined;
}

/** The participant's network conditions as a test set them (null: unimpaired). */
const networkConditionsOf = (engine: Engine, ref: ParticipantRef) =>
  engine.findRoom(ref)?.participants.get(ref.participant)?.networkConditions ?? null;

/** Keeps a codec the media server saw; a room cleared meanwhile (a reset) is logged, not thrown at werift. */
function reportCodec(engine: Engine, ref: ParticipantRef, codec: DetectedCodec, logger: Logger) {
  try {
    engine.reportCodec(ref, codec);
  } catch (error) {
    logger.warn(`a ${codec} packet came from ${ref.participant}, which the engine no longer has`, error);
  }
}

/** The most peer-connection descriptions read from one message. */
const maxDescriptions = 8;

const noMediaServer: MediaHandOff = {
  join: () => undefined,
  updateBandwidthProfile: () => undefined,
  describe: () => undefined,
  leave: () => undefined,
};

/** A participant's track reached the media server (see `MediaClient.mediaArrived`). */
export type MediaArrived = (ref: ParticipantRef, trackSid: string, kind: 'audio' | 'video') => void;

export function mediaHandOff(
  engine: Engine,
  sfu: Sfu | undefined,
  logger: Logger,
  mediaArrived: MediaArrived = () => undefined,
): MediaHandOff {
  if (!sfu) return noMediaServer;
  const profiles = sessionBandwidthProfiles(engine, logger);
  return {
    join(session, requested, bandwidthProfile) {
      const room = engine.findRoom(session.ref);
      // Twilio's media-signaling features (dominant speaker, network quality, bandwidth profiles,
      // transcriptions) come from its media servers: peer-to-peer and go rooms have none.
      const usesMediaServers = room !== undefined && roomTypeProfiles[room.type].usesMediaServers;
      const requestedFeatures =
        typeof requested === 'object' && requested !== null ? Object.keys(requested) : [];
      const quality = networkQualityReports(engine, session.ref, logger);
      profiles.set(session, bandwidthProfile);
      sfu.join(session.id, {
        send: (message) => session.connection?.send({ ...message, session: session.id }),
        trackSidOf: (clientTrackId) => session.tracks.get(clientTrackId)?.sid,
        roomSid: session.ref.room,
        networkQuality: quality.report,
        ...(usesMediaServers ? { measured: quality.measured } : {}),
        features: new Set(usesMediaServers ? requestedFeatures : []),
        videoCodecs: room?.videoCodecs ?? [],
        networkConditions: () => networkConditionsOf(engine, session.ref),
        dominantSpeaker: () => {
          const current = engine.findRoom(session.ref);
          return current ? dominantSpeakerOf(current) : null;
        },
        participantSid: session.ref.participant,
        publishPriorityOf: (trackSid) => publishPriorityOf(engine, session.ref, trackSid),
        bandwidthProfile: () => profiles.of(session),
        // An impaired path carries no more than its bandwidth: what does not fit is switched off.
        availableBitrate: () => {
          const kbps = networkConditionsOf(engine, session.ref)?.bandwidthKbps;
          return kbps === undefined ? undefined : kbps * 1000;
        },
        recordTrackSwitch: (change) => engine.recordTrackSwitch(session.ref, change),
        codecDetected: (codec) => reportCodec(engine, session.ref, codec, logger),
        mediaArrived: (trackSid, kind) => mediaArrived(session.ref, trackSid, kind),
      });
    },
    updateBandwidthProfile(session, bandwidthProfile) {
      if (profiles.set(session, bandwidthProfile)) sfu.reallocate(session.ref.room);
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
      profiles.forget(session);
      sfu.leave(session.id);
    },
  };
}
