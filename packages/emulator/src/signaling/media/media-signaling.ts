import type { Logger } from '@roomlab/core';
import type { RTCDataChannel, RTCPeerConnection } from 'werift';
import type { Lifetime } from './lifetime.js';
import type { MediaClient } from './media-client.js';

/** The media-signaling features roomlab serves, each over a data channel of the same label. */
export const mediaSignalingFeatures = [
  'active_speaker',
  'network_quality',
  'extension_transcriptions',
  'track_priority',
  'track_switch_off',
  'render_hints',
] as const;
export type MediaSignalingFeature = (typeof mediaSignalingFeatures)[number];

export interface MediaSignalingOptions {
  pc: RTCPeerConnection;
  client: MediaClient;
  nextChannelId(): number;
  /** The client's connection: owns the channels' subscriptions. */
  lifetime: Lifetime;
  logger: Logger;
  /** The dominant speaker of the client's room as last told to clients (undefined: none told yet). */
  dominantSpeaker(): string | null | undefined;
  /**
   * Any other message of a feature's channel (`ready` too): `reply` answers on the same channel.
   * Each feature's handling lives in a module of its own (switch-off-signaling.ts).
   */
  onMessage?(
    feature: MediaSignalingFeature,
    message: { type?: unknown },
    reply: (answer: Record<string, unknown>) => void,
  ): void;
}

/** Media signaling with one client: the SDK's side channels for the dominant speaker and network quality. */
export interface MediaSignaling {
  /**
   * Opens a data channel for each feature the client asked for, the first time only. The channels need
   * an m=application section, so they go with an offer: returns whether one is due.
   */
  open(): boolean;
  /** The grants of the opened channels, for the next offer to carry; once. */
  takeGrants(): Record<string, unknown> | undefined;
  /** Tells the client who the dominant speaker is now (a participant SID, or null). */
  tellDominantSpeaker(participant: string | null): void;
  /** Sends a message on a feature's channel, when the client asked for it and the channel is open. */
  send(feature: MediaSignalingFeature, message: Record<string, unknown>): void;
}

export function createMediaSignaling(options: MediaSignalingOptions): MediaSignaling {
  const { client, logger } = options;
  const channels = new Map<string, RTCDataChannel>();
  let grants: Record<string, unknown> | undefined;

  const sendActiveSpeaker = (channel: RTCDataChannel, participant: string | null) =>
    channel.send(JSON.stringify({ type: 'active_speaker', participant }));

  const answer = (feature: MediaSignalingFeature, channel: RTCDataChannel, raw: string | Buffer) => {
    let message: { type?: unknown };
    try {
      message = JSON.parse(raw.toString()) as { type?: unknown };
    } catch (error) {
      logger.warn(`a ${feature} message from the client is not JSON: ignored`, error);
      return;
    }
    if (message.type === 'ready' && feature === 'active_speaker') {
      const speaker = options.dominantSpeaker();
      if (speaker !== undefined) sendActiveSpeaker(channel, speaker);
    }
    if (message.type === 'network_quality') {
      // Answer each report, as Twilio does; the SDK sends the next one a second after the answer.
      const answer = client.networkQuality(message);
      if (answer) channel.send(JSON.stringify({ type: 'network_quality', ...answer }));
    }
    options.onMessage?.(feature, message, (reply) => channel.send(JSON.stringify(reply)));
  };

  return {
    open() {
      const wanted = mediaSignalingFeatures.filter((feature) => client.features.has(feature));
      if (channels.size > 0 || wanted.length === 0) return false;
      grants = {};
      for (const feature of wanted) {
        const channel = options.pc.createDataChannel(feature, { id: options.nextChannelId(), ordered: true });
        channels.set(feature, channel);
        grants[feature] = { transport: { type: 'data-channel', label: feature } };
        options.lifetime.own(channel.onMessage.subscribe((raw) => answer(feature, channel, raw)).unSubscribe);
      }
      return true;
    },
    takeGrants() {
      const taken = grants;
      grants = undefined;
      return taken;
    },
    tellDominantSpeaker(participant) {
      const channel = channels.get('active_speaker');
      if (channel?.readyState === 'open') sendActiveSpeaker(channel, participant);
    },
    send(feature, message) {
      const channel = channels.get(feature);
      if (channel?.readyState === 'open') channel.send(JSON.stringify(message));
    },
  };
}
