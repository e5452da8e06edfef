import type { Logger } from '@roomlab/core';
import { type Codecs, restrictToCodecs } from './codecs.js';
import { type Subscriber, syncForwards } from './forwards.js';
import { impairPeerConnection } from './impairment.js';
import { createLifetime } from './lifetime.js';
import { keepEveryTransceiver } from './m-lines.js';
import type { MediaClient } from './media-client.js';
import { createMediaSignaling, type MediaSignaling } from './media-signaling.js';
import { startNegotiation } from './negotiation.js';
import { startNetworkMeter } from './network-meter.js';
import { createPeerConnection, evenChannelIds, type IceSettings } from './peer-connection.js';
import { type PublishedTracks, receivePublications } from './published-tracks.js';
import { createSwitchOff } from './switch-off.js';
import { switchOffSignaling } from './switch-off-signaling.js';

export interface ConnectionOptions {
  /** The client's id for its peer connection. */
  id: string;
  /** The participant's signaling session. */
  sessionId: string;
  client: MediaClient;
  published: PublishedTracks;
  ice: IceSettings | undefined;
  /** The codecs it speaks: each offer of the client's is answered in these alone. */
  codecs: Codecs;
  logger: Logger;
  /** The track SIDs the engine has this participant subscribed to, now. */
  wanted(): ReadonlySet<string>;
  /** The next revision of the participant's `subscribed` state. */
  nextSubscribedRevision(): number;
  /** The dominant speaker of the client's room as last told (undefined: none told yet). */
  dominantSpeaker(): string | null | undefined;
  /** A track this client publishes is ready to forward: other participants may want it. */
  onPublished(): void;
  /** The participant SID of a publisher's signaling session. */
  participantOf(sessionId: string): string | undefined;
}

/**
 * One client's peer connection and everything on it: the tracks it publishes, the forwards it receives,
 * media signaling and negotiation. Closing it clears every timer and subscription they started.
 */
export interface Connection {
  readonly id: string;
  receiveOffer(revision: number, sdp: string): void;
  receiveAnswer(revision: number, sdp: string): void;
  /** Brings the forwards in line with what the participant wants and what is published; offers any change. */
  syncForwards(): void;
  tellDominantSpeaker(participant: string | null): void;
  /** The participant's network conditions changed: its path is impaired as they now say, at once. */
  networkConditionsChanged(): void;
  /** Decides again which video forwards are switched off (see switch-off.ts). */
  reallocate(): void;
  /** A media-signaling message for the client (sent if it asked for the feature and its channel is open). */
  sendMediaSignaling: MediaSignaling['send'];
  close(): void;
}

export function openConnection(options: ConnectionOptions): Connection {
  const { sessionId, client, logger, published, codecs } = options;
  const lifetime = createLifetime();
  const receiving = receivePublications({
    sessionId,
    client,
    published,
    lifetime,
    logger,
    codecs,
    onPublished: options.onPublished,
  });
  const pc = createPeerConnection({ ice: options.ice, codecs, lifetime, logger, ...receiving });
  keepEveryTransceiver(pc, lifetime);
  if (client.measured)
    startNetworkMeter({ pc, lifetime, logger, onMeasured: (values) => client.measured?.(values) });
  const impairment = impairPeerConnection({ pc, lifetime, logger });
  const impair = () => impairment.set(client.networkConditions?.() ?? null);
  impair();
  const nextChannelId = evenChannelIds();
  const subscriber: Subscriber = { sessionId, pc, forwards: new Map(), nextChannelId, logger };
  lifetime.own(() => {
    for (const forward of subscriber.forwards.values()) forward.stop();
    subscriber.forwards.clear();
  });
  const switchOff = createSwitchOff({
    subscriber,
    published,
    client,
    participantOf: options.participantOf,
    dominantSpeaker: options.dominantSpeaker,
    send: (message) => mediaSignaling.send('track_switch_off', message),
    lifetime,
    logger,
  });
  const mediaSignaling = createMediaSignaling({
    pc,
    client,
    nextChannelId,
    lifetime,
    logger,
    dominantSpeaker: options.dominantSpeaker,
    onMessage: switchOffSignaling(switchOff),
  });

  const subscribed = () => ({
    revision: options.nextSubscribedRevision(),
    tracks: [...subscriber.forwards].map(([sid, forward]) => ({ sid, id: forward.id })),
  });
  const withOffer = () => {
    const grants = mediaSignaling.takeGrants();
    return { subscribed: subscribed(), ...(grants ? { media_signaling: grants } : {}) };
  };
  const sync = () => {
    if (!negotiation.forwarding || !syncForwards(subscriber, options.wanted(), published)) return;
    switchOff.reallocate();
    negotiation.renegotiate();
  };
  const negotiation = startNegotiation({
    pc,
    pcId: options.id,
    lifetime,
    logger,
    send: (body) => client.send(body),
    withOffer,
    answered() {
      if (mediaSignaling.open()) negotiation.renegotiate();
      sync();
    },
  });

  return {
    id: options.id,
    receiveOffer: (revision, sdp) => negotiation.receiveOffer(revision, restrictToCodecs(sdp, codecs)),
    receiveAnswer: negotiation.receiveAnswer,
    syncForwards: sync,
    tellDominantSpeaker: mediaSignaling.tellDominantSpeaker,
    networkConditionsChanged: impair,
    reallocate: switchOff.reallocate,
    sendMediaSignaling: mediaSignaling.send,
    close: lifetime.end,
  };
}
