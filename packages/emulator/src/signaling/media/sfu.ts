import { consoleLogger, type Logger } from '@roomlab/core';
import { connectionCodecs } from './codecs.js';
import { type Connection, openConnection } from './connection.js';
import type { MediaClient } from './media-client.js';
import type { IceSettings } from './peer-connection.js';
import { type PublishedTracks, removePublishedBy } from './published-tracks.js';
import { createTaps, type TrackTap } from './taps.js';

/**
 * roomlab's media server: the far end of each client's peer connection (werift, pure TypeScript), and
 * a selective forwarding unit: every published audio or video track is forwarded, packet for packet, to
 * each participant subscribed to it, with keyframe requests passed back to the publisher.
 *
 * This file is its public face; each connection's parts live beside it: connection.ts puts together
 * the peer connection (peer-connection.ts), the tracks it publishes (published-tracks.ts), the
 * forwards it receives (forwards.ts), media signaling (media-signaling.ts) and negotiation
 * (negotiation.ts, negotiation-state.ts).
 */

export type { MediaClient } from './media-client.js';
export type { TrackTap } from './taps.js';

export interface SfuOptions {
  /** Where failures that no client can be told of go (default: the console). */
  logger?: Logger;
  /** Where ICE gathers candidates (werift's defaults where unset). Tests gather none: nothing leaves the process. */
  ice?: IceSettings;
}

export interface Sfu {
  join(sessionId: string, client: MediaClient): void;
  leave(sessionId: string): void;
  /** A description from the client for one of its peer connections. */
  describe(
    sessionId: string,
    pcId: string,
    description: { type: string; revision: number; sdp?: string },
  ): void;
  /** The full set of track SIDs this participant should receive. */
  subscribe(sessionId: string, trackSids: Iterable<string>): void;
  /**
   * Decides again, for every subscriber in a room, which video tracks are switched off (a publish
   * priority or a bandwidth profile changed).
   */
  reallocate(roomSid: string): void;
  /**
   * Tells every client in a room who the dominant speaker is now (a participant SID, or null): the
   * engine's changed. Clients that join later read it from their `MediaClient.dominantSpeaker()`.
   */
  dominantSpeaker(roomSid: string, participantSid: string | null): void;
  /**
   * Hands each RTP packet of a published audio or video track to `tap` (a recording), from now or from
   * when the track's media reaches the SFU, through renegotiations, until the returned function is
   * called or the publisher leaves (see taps.ts).
   */
  tapTrack(trackSid: string, tap: TrackTap): () => void;
  /** A participant's network conditions changed (its client's `networkConditions()` says how now). */
  networkConditionsChanged(sessionId: string): void;
  /** Sends a transcript to every client in a room that asked for transcriptions. */
  transcribed(roomSid: string, message: Record<string, unknown>): void;
  close(): void;
}

/** One participant's signaling session, as the SFU knows it. */
interface Peer {
  client: MediaClient;
  /** Track SIDs the engine says this participant is subscribed to. */
  wanted: Set<string>;
  /** Revision of the `subscribed` state that goes with each offer. */
  subscribedRevision: number;
  /** Its peer connection, from its first offer until it leaves or closes it. */
  connection: Connection | undefined;
}

export function createSfu(options: SfuOptions = {}): Sfu {
  const logger = options.logger ?? consoleLogger;
  const peers = new Map<string, Peer>();
  const published: PublishedTracks = new Map();
  const taps = createTaps(published, logger);

  /** Brings every other participant's forwards in line (a track was published or is gone). */
  const syncOthers = (sessionId: string) => {
    for (const [other, peer] of peers) if (other !== sessionId) peer.connection?.syncForwards();
  };

  const connect = (sessionId: string, peer: Peer, pcId: string, firstOffer: string) =>
    openConnection({
      id: pcId,
      sessionId,
      client: peer.client,
      published,
      ice: options.ice,
      codecs: connectionCodecs(firstOffer, peer.client.videoCodecs ?? []),
      logger,
      wanted: () => peer.wanted,
      nextSubscribedRevision: () => ++peer.subscribedRevision,
      dominantSpeaker: () => peer.client.dominantSpeaker?.(),
      participantOf: (publisher) => peers.get(publisher)?.client.participantSid,
      onPublished: () => {
        syncOthers(sessionId);
        taps.connect();
      },
    });

  return {
    join(sessionId, client) {
      peers.set(sessionId, { client, wanted: new Set(), subscribedRevision: 1, connection: undefined });
    },
    leave(sessionId) {
      const peer = peers.get(sessionId);
      if (!peer) return;
      peers.delete(sessionId);
      peer.connection?.close();
      taps.releasePublisher(sessionId);
      removePublishedBy(published, sessionId);
      syncOthers(sessionId);
    },
    describe(sessionId, pcId, { type, revision, sdp }) {
      const peer = peers.get(sessionId);
      if (!peer) return;
      if (type === 'offer' && sdp) {
        peer.connection ??= connect(sessionId, peer, pcId, sdp);
        peer.connection.receiveOffer(revision, sdp);
        return;
      }
      const { connection } = peer;
      if (connection?.id !== pcId) return;
      if (type === 'answer' && sdp) connection.receiveAnswer(revision, sdp);
      if (type === 'close') {
        connection.close();
        peer.connection = undefined;
      }
    },
    subscribe(sessionId, trackSids) {
      const peer = peers.get(sessionId);
      if (!peer) return;
      peer.wanted = new Set(trackSids);
      peer.connection?.syncForwards();
    },
    reallocate(roomSid) {
      for (const peer of peers.values()) if (peer.client.roomSid === roomSid) peer.connection?.reallocate();
    },
    dominantSpeaker(roomSid, participantSid) {
      for (const peer of peers.values()) {
        if (peer.client.roomSid !== roomSid) continue;
        peer.connection?.tellDominantSpeaker(participantSid);
        peer.connection?.reallocate();
      }
    },
    networkConditionsChanged(sessionId) {
      const connection = peers.get(sessionId)?.connection;
      connection?.networkConditionsChanged();
      // Its available bitrate may have changed: what it receives is decided again.
      connection?.reallocate();
    },
    tapTrack: taps.add,
    transcribed(roomSid, message) {
      for (const peer of peers.values())
        if (peer.client.roomSid === roomSid)
          peer.connection?.sendMediaSignaling('extension_transcriptions', message);
    },
    close() {
      for (const sessionId of [...peers.keys()]) this.leave(sessionId);
      taps.releaseAll();
    },
  };
}
