import {
  type MediaStreamTrack,
  type RTCDataChannel,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpReceiver,
  type RtpPacket,
} from 'werift';

/**
 * roomlab's media server: the far end of each client's peer connection (werift, pure TypeScript), and
 * a selective forwarding unit: every published audio or video track is forwarded, packet for packet, to
 * each participant subscribed to it, with keyframe requests passed back to the publisher.
 */

/** What the SFU needs from the signaling side of one client. */
export interface MediaClient {
  /** Sends a room-signaling body to this client. */
  send(body: Record<string, unknown>): void;
  /** The MT SID the client's track id was published under. */
  trackSidOf(clientTrackId: string): string | undefined;
  /** The room this client is in. */
  roomSid: string;
  /** The other participants in its room now, for network quality reports. */
  others(): string[];
  /** Media-signaling features the client asked for in its connect (`active_speaker`, `network_quality`). */
  features: ReadonlySet<string>;
}

/** The media-signaling features roomlab serves, each over a data channel of the same label. */
export const mediaSignalingFeatures = ['active_speaker', 'network_quality'] as const;

/**
 * A published track as the SFU receives it. werift may hand over a new track object for the same m-line
 * when the publisher's connection is renegotiated, so forwards listen to the source, not to a track.
 */
interface Source {
  trackSid: string;
  kind: string;
  track?: MediaStreamTrack;
  receiver?: RTCRtpReceiver;
  publisher: string;
  listeners: Set<(rtp: RtpPacket) => void>;
  /** For a data track: who receives its messages. */
  messageListeners: Set<(message: string | Buffer) => void>;
  unpipe: () => void;
}

interface Forward {
  /** The id the subscriber's SDK matches: an m-line's msid track id, or a data channel's label. */
  id: string;
  stop(): void;
}

interface Peer {
  client: MediaClient;
  pcId: string | undefined;
  pc: RTCPeerConnection | undefined;
  revision: number;
  /** Set once the client's first offer is answered: until then the PC must hold only its transceivers. */
  answered: boolean;
  awaitingAnswer: boolean;
  dirty: boolean;
  /** Track SIDs the engine says this participant is subscribed to. */
  wanted: Set<string>;
  forwards: Map<string, Forward>;
  subscribedRevision: number;
  /** Data channel ids this side opens: even, as the DTLS client's are (RFC 8832). */
  nextChannelId: number;
  /** Media-signaling grants to send with the next offer (the channels are in it). */
  grants: Record<string, unknown> | undefined;
  /** Open media-signaling channels, by feature. */
  msp: Map<string, RTCDataChannel>;
  work: Promise<void>;
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
  /** Tells every client in a room who the dominant speaker is now (a participant SID, or null). */
  dominantSpeaker(roomSid: string, participantSid: string | null): void;
  close(): void;
}

const codecs = {
  audio: [
    new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 }),
  ],
  video: [
    new RTCRtpCodecParameters({
      mimeType: 'video/VP8',
      clockRate: 90000,
      payloadType: 96,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }],
    }),
  ],
};

/** `mid` → the first capture of `attribute` in each m-line of an SDP that has both. */
function byMid(sdp: string, attribute: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    const value = attribute.exec(section)?.[1];
    if (mid && value) found.set(mid, value);
  }
  return found;
}

/** `mid` → track id, from the `a=msid:<stream> <id>` lines of a client's SDP. */
const trackIdsByMid = (sdp: string) => byMid(sdp, /\r?\na=msid:\S+ (\S+)/);

/** `mid` → direction (`sendrecv`, `sendonly`, ...) of each m-line of an SDP. */
const directionsByMid = (sdp: string) => byMid(sdp, /\r?\na=(sendrecv|sendonly|recvonly|inactive)\b/);

/**
 * A client may send on an m-line that we opened to send to it: the browser's addTrack reuses a
 * transceiver that has never sent (the one receiving another participant's video, say). werift listens
 * on an m-line only when its own direction receives, so open ours to receiving before the offer lands.
 */
function receiveWhereTheClientSends(pc: RTCPeerConnection, offer: string): void {
  const directions = directionsByMid(offer);
  for (const transceiver of pc.getTransceivers()) {
    const theirs = transceiver.mid ? directions.get(transceiver.mid) : undefined;
    if (theirs !== 'sendrecv' && theirs !== 'sendonly') continue;
    if (transceiver.direction === 'sendonly') transceiver.setDirection('sendrecv');
    else if (transceiver.direction === 'inactive') transceiver.setDirection('recvonly');
  }
}

/**
 * werift's answer bundles every m-line it knows, but a browser leaves a stopped m-line out of its
 * offer's BUNDLE group (after a track is unpublished) and refuses an answer that bundles more than it
 * offered: bundle only what was offered.
 */
export function bundleAsOffered(answer: string, offer: string): string {
  const offered = /\r?\na=group:BUNDLE ([^\r\n]*)/.exec(offer)?.[1]?.split(' ');
  if (!offered) return answer;
  return answer.replace(/(\r?\na=group:BUNDLE) ([^\r\n]*)/, (_line, start: string, mids: string) => {
    const kept = mids.split(' ').filter((mid) => offered.includes(mid));
    return `${start} ${kept.join(' ')}`;
  });
}

async function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 3000);
    pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export function createSfu(): Sfu {
  const peers = new Map<string, Peer>();
  const sources = new Map<string, Source>();

  /** Runs one peer's negotiation steps one after another (werift needs them strictly ordered). */
  const serially = (peer: Peer, step: () => Promise<void>) => {
    peer.work = peer.work.then(step).catch((error: unknown) => {
      // A step still queued when the participant left meets a closed connection: nothing to report.
      const closed = error instanceof Error && /closed/i.test(error.message);
      if (closed || ![...peers.values()].includes(peer)) return;
      console.error('roomlab: media negotiation failed', error);
    });
  };

  const subscribedState = (peer: Peer) => ({
    revision: ++peer.subscribedRevision,
    tracks: [...peer.forwards].map(([sid, forward]) => ({ sid, id: forward.id })),
  });

  /** Brings a peer's forwards in line with what it wants and what is published, then renegotiates. */
  const reconcile = (sessionId: string) => {
    const peer = peers.get(sessionId);
    // Transceivers added before the client's offer is applied would be paired with the client's own
    // sending m-lines; wait for the first answer.
    if (!peer?.pc || !peer.answered) return;
    let changed = false;
    for (const [sid, forward] of [...peer.forwards]) {
      if (peer.wanted.has(sid) && sources.has(sid)) continue;
      forward.stop();
      peer.forwards.delete(sid);
      changed = true;
    }
    for (const sid of peer.wanted) {
      const source = sources.get(sid);
      if (!source || peer.forwards.has(sid) || source.publisher === sessionId) continue;
      if (source.kind === 'data') {
        const label = `roomlab-${sid}`;
        const channel = peer.pc.createDataChannel(label, { id: peer.nextChannelId, ordered: true });
        peer.nextChannelId += 2;
        const relay = (message: string | Buffer) => {
          if (channel.readyState === 'open') channel.send(message);
        };
        source.messageListeners.add(relay);
        peer.forwards.set(sid, {
          id: label,
          stop() {
            source.messageListeners.delete(relay);
            channel.close();
          },
        });
        changed = true;
        continue;
      }
      const { track: sourceTrack } = source;
      if (!sourceTrack) continue;
      // werift would recycle an inactive m-line, keeping its MID (and of another kind, perhaps: a
      // participant's stopped camera); Chromium refuses an offer that changes an m-line's kind or reuses
      // a MID. Mark them used so every forward gets an m-line of its own.
      for (const existing of peer.pc.getTransceivers()) existing.usedForSender = true;
      const transceiver = peer.pc.addTransceiver(sourceTrack.kind as 'audio' | 'video', {
        direction: 'sendonly',
      });
      transceiver.sender.streamId = `roomlab-${source.publisher}`;
      const { sender } = transceiver;
      // werift rewrites the packet it sends (SSRC, sequence, extensions, encryption) in place, and the
      // same packet goes to every subscriber: give each its own copy.
      const forward = (rtp: RtpPacket) => {
        void sender.sendRtp(rtp.serialize()).catch(() => undefined);
      };
      source.listeners.add(forward);
      const askKeyframe = () => {
        const ssrc = source.track?.ssrc;
        if (ssrc) void source.receiver?.sendRtcpPLI(ssrc).catch(() => undefined);
      };
      const keyframes = sender.onPictureLossIndication.subscribe(askKeyframe);
      // A new subscriber needs a keyframe to show video at once; ask the publisher a few times.
      const timers = [500, 1500, 3000].map((delay) => setTimeout(askKeyframe, delay));
      peer.forwards.set(sid, {
        id: sender.trackId,
        stop() {
          source.listeners.delete(forward);
          keyframes.unSubscribe();
          for (const timer of timers) clearTimeout(timer);
          // The client may be sending on this m-line too (see receiveWhereTheClientSends): keep that.
          transceiver.setDirection(transceiver.direction === 'sendrecv' ? 'recvonly' : 'inactive');
        },
      });
      changed = true;
    }
    if (changed) negotiate(sessionId);
  };

  const negotiate = (sessionId: string) => {
    const peer = peers.get(sessionId);
    if (!peer?.pc || !peer.pcId) return;
    if (peer.awaitingAnswer || peer.pc.signalingState !== 'stable') {
      peer.dirty = true;
      return;
    }
    peer.dirty = false;
    // Set now, not when the offer is made: a second call before then must wait for this offer's answer
    // instead of sending another offer the client would answer out of turn.
    peer.awaitingAnswer = true;
    const { pc, pcId } = peer;
    serially(peer, async () => {
      let offer: Awaited<ReturnType<typeof pc.createOffer>>;
      try {
        offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
      } catch (error) {
        peer.awaitingAnswer = false;
        throw error;
      }
      peer.revision += 1;
      peer.client.send({
        type: 'update',
        version: 2,
        peer_connections: [
          {
            id: pcId,
            description: { type: 'offer', revision: peer.revision, sdp: pc.localDescription?.sdp },
          },
        ],
        subscribed: subscribedState(peer),
        ...(peer.grants ? { media_signaling: peer.grants } : {}),
      });
      peer.grants = undefined;
    });
  };

  const answerOffer = (sessionId: string, peer: Peer, pcId: string, revision: number, sdp: string) => {
    if (!peer.pc) {
      peer.pc = new RTCPeerConnection({ codecs, bundlePolicy: 'max-bundle' });
      peer.pcId = pcId;
      const pc = peer.pc;
      // A client's data track is a data channel it opens, labelled with the track's id.
      pc.onDataChannel.subscribe((channel) => {
        let tries = 0;
        const register = () => {
          const trackSid = peer.client.trackSidOf(channel.label);
          // The track list may arrive after the channel opens (later still on a busy machine): keep asking for 30 s.
          if (!trackSid) {
            if (++tries < 300) setTimeout(register, 100);
            return;
          }
          const source: Source = {
            trackSid,
            kind: 'data',
            publisher: sessionId,
            listeners: new Set(),
            messageListeners: new Set(),
            unpipe: () => undefined,
          };
          const piping = channel.onMessage.subscribe((message) => {
            for (const listener of source.messageListeners) listener(message);
          });
          source.unpipe = () => piping.unSubscribe();
          sources.set(trackSid, source);
          for (const other of peers.keys()) if (other !== sessionId) reconcile(other);
        };
        register();
      });
      pc.ontrack = ({ track, transceiver, receiver }) => {
        // werift fires this inside setRemoteDescription: register after the current negotiation step.
        setTimeout(() => {
          const clientTrackId = trackIdsByMid(pc.remoteDescription?.sdp ?? '').get(transceiver.mid ?? '');
          const trackSid = clientTrackId ? peer.client.trackSidOf(clientTrackId) : undefined;
          if (!trackSid) return;
          const known = sources.get(trackSid);
          const source: Source = known ?? {
            trackSid,
            kind: track.kind,
            track,
            receiver,
            publisher: sessionId,
            listeners: new Set(),
            messageListeners: new Set(),
            unpipe: () => undefined,
          };
          source.unpipe();
          source.track = track;
          source.receiver = receiver;
          const pipe = track.onReceiveRtp.subscribe((rtp) => {
            for (const listener of source.listeners) listener(rtp);
          });
          source.unpipe = () => pipe.unSubscribe();
          sources.set(trackSid, source);
          if (known) return;
          for (const other of peers.keys()) if (other !== sessionId) reconcile(other);
        }, 0);
      };
    }
    const pc = peer.pc;
    serially(peer, async () => {
      // Glare: our own offer is out. The SDK rolls its offer back when ours arrives, answers it, and
      // offers again afterwards, so this one is dropped rather than fought over.
      if (pc.signalingState !== 'stable') return;
      receiveWhereTheClientSends(pc, sdp);
      await pc.setRemoteDescription({ type: 'offer', sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      peer.revision = Math.max(peer.revision, revision);
      peer.answered = true;
      peer.client.send({
        type: 'update',
        version: 2,
        peer_connections: [
          {
            id: pcId,
            description: {
              type: 'answer',
              revision,
              sdp: bundleAsOffered(pc.localDescription?.sdp ?? '', sdp),
            },
          },
        ],
      });
    });
    serially(peer, async () => {
      openMediaSignaling(sessionId, peer);
      reconcile(sessionId);
    });
  };

  /** Current network quality: level 5 (excellent) unless a test set one. */
  const levels = new Map<string, number>();
  /** Dominant speaker per room, as last told to clients. */
  const speakers = new Map<string, string | null>();

  /**
   * Opens a data channel for each media-signaling feature the client asked for, and grants it with the
   * next offer (the channels need an m=application section, so they always come with one).
   */
  const openMediaSignaling = (sessionId: string, peer: Peer) => {
    if (!peer.pc || peer.msp.size > 0) return;
    const wanted = mediaSignalingFeatures.filter((feature) => peer.client.features.has(feature));
    if (wanted.length === 0) return;
    const grants: Record<string, unknown> = {};
    for (const feature of wanted) {
      const channel = peer.pc.createDataChannel(feature, { id: peer.nextChannelId, ordered: true });
      peer.nextChannelId += 2;
      peer.msp.set(feature, channel);
      grants[feature] = { transport: { type: 'data-channel', label: feature } };
      channel.onMessage.subscribe((raw) => {
        let message: { type?: unknown };
        try {
          message = JSON.parse(raw.toString()) as { type?: unknown };
        } catch {
          return;
        }
        if (message.type === 'ready' && feature === 'active_speaker') {
          const speaker = speakers.get(peer.client.roomSid);
          if (speaker !== undefined)
            channel.send(JSON.stringify({ type: 'active_speaker', participant: speaker }));
        }
        if (message.type === 'network_quality') {
          // Answer each report, as Twilio does; the SDK sends the next one a second after the answer.
          channel.send(
            JSON.stringify({
              type: 'network_quality',
              local: levels.get(sessionId) ?? 5,
              remotes: peer.client.others().map((sid) => ({ sid, level: 5 })),
            }),
          );
        }
      });
    }
    peer.grants = grants;
    negotiate(sessionId);
  };

  return {
    join(sessionId, client) {
      peers.set(sessionId, {
        client,
        pcId: undefined,
        pc: undefined,
        revision: 0,
        answered: false,
        awaitingAnswer: false,
        dirty: false,
        wanted: new Set(),
        forwards: new Map(),
        subscribedRevision: 1,
        nextChannelId: 2,
        grants: undefined,
        msp: new Map(),
        work: Promise.resolve(),
      });
    },
    leave(sessionId) {
      const peer = peers.get(sessionId);
      if (!peer) return;
      peers.delete(sessionId);
      for (const forward of peer.forwards.values()) forward.stop();
      for (const [sid, source] of [...sources]) {
        if (source.publisher !== sessionId) continue;
        source.unpipe();
        sources.delete(sid);
      }
      void peer.pc?.close().catch(() => undefined);
      for (const other of peers.keys()) reconcile(other);
    },
    describe(sessionId, pcId, description) {
      const peer = peers.get(sessionId);
      if (!peer || (typeof description.sdp !== 'string' && description.type !== 'close')) return;
      if (description.type === 'offer' && description.sdp)
        answerOffer(sessionId, peer, pcId, description.revision, description.sdp);
      else if (description.type === 'answer' && description.sdp && peer.pc && pcId === peer.pcId) {
        if (!peer.awaitingAnswer || description.revision !== peer.revision) return;
        const { pc } = peer;
        serially(peer, async () => {
          await pc.setRemoteDescription({ type: 'answer', sdp: description.sdp as string });
          peer.awaitingAnswer = false;
          if (peer.dirty) negotiate(sessionId);
        });
      } else if (description.type === 'close' && pcId === peer.pcId) {
        void peer.pc?.close().catch(() => undefined);
        peer.pc = undefined;
        peer.pcId = undefined;
      }
    },
    dominantSpeaker(roomSid, participantSid) {
      if (speakers.get(roomSid) === participantSid) return;
      speakers.set(roomSid, participantSid);
      for (const peer of peers.values()) {
        if (peer.client.roomSid !== roomSid) continue;
        const channel = peer.msp.get('active_speaker');
        if (channel?.readyState === 'open')
          channel.send(JSON.stringify({ type: 'active_speaker', participant: participantSid }));
      }
    },
    subscribe(sessionId, trackSids) {
      const peer = peers.get(sessionId);
      if (!peer) return;
      peer.wanted = new Set(trackSids);
      reconcile(sessionId);
    },
    close() {
      for (const sessionId of [...peers.keys()]) this.leave(sessionId);
    },
  };
}
