import type { Logger } from '@roomlab/core';
import type { RTCPeerConnection } from 'werift';
import type { Lifetime } from './lifetime.js';
import { unrejected } from './m-lines.js';
import {
  forwardsMayBeAdded,
  type NegotiationEvent,
  type NegotiationState,
  type NegotiationStep,
  nextNegotiation,
} from './negotiation-state.js';
import { iceGathered } from './peer-connection.js';
import { bundleAsOffered, receiveWhereTheClientSends } from './sdp.js';

export interface NegotiationOptions {
  pc: RTCPeerConnection;
  /** The client's id for this peer connection. */
  pcId: string;
  /** The connection's: ending it closes the negotiation (queued steps are dropped). */
  lifetime: Lifetime;
  logger: Logger;
  /** Sends a room-signaling body to the client. */
  send(body: Record<string, unknown>): void;
  /** What goes with each offer besides the description (the subscribed tracks, media-signaling grants). */
  withOffer(): Record<string, unknown>;
  /** An answer of ours is out; after the first, forwards may add m-lines. */
  answered(): void;
}

/** Offer and answer with one client, over its peer connection (see negotiation-state.ts). */
export interface Negotiation {
  /** Whether forwards may add m-lines now (see forwardsMayBeAdded). */
  readonly forwarding: boolean;
  receiveOffer(revision: number, sdp: string): void;
  receiveAnswer(revision: number, sdp: string): void;
  /** Something changed on our side: offer it now, or once stable again. */
  renegotiate(): void;
}

export function startNegotiation(options: NegotiationOptions): Negotiation {
  const { pc, lifetime, logger } = options;
  let state: NegotiationState = { name: 'awaiting-client-offer' };
  /** The last description revision on this connection, ours or the client's. */
  let revision = 0;
  /** The steps, run one after another: werift needs them strictly ordered. */
  let work = Promise.resolve();
  const closed = () => state.name === 'closed';

  const dispatch = (event: NegotiationEvent) => {
    const transition = nextNegotiation(state, event);
    state = transition.state;
    for (const step of transition.steps) work = work.then(() => run(step));
  };

  const update = (description: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    options.send({
      type: 'update',
      version: 2,
      peer_connections: [{ id: options.pcId, description }],
      ...extra,
    });

  const answer = async ({ revision: theirs, sdp }: { revision: number; sdp: string }) => {
    receiveWhereTheClientSends(pc, sdp);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await iceGathered(pc, lifetime);
    if (closed()) return;
    revision = Math.max(revision, theirs);
    const ours = unrejected(pc.localDescription?.sdp ?? '', sdp);
    update({ type: 'answer', revision: theirs, sdp: bundleAsOffered(ours, sdp) });
    dispatch({ type: 'answer-sent' });
    options.answered();
  };

  const offer = async () => {
    await pc.setLocalDescription(await pc.createOffer());
    if (closed()) return;
    revision += 1;
    dispatch({ type: 'offer-sent', revision });
    const sdp = unrejected(pc.localDescription?.sdp ?? '', pc.remoteDescription?.sdp);
    update({ type: 'offer', revision, sdp }, options.withOffer());
  };

  const run = async (step: NegotiationStep) => {
    if (closed() || state.name === 'failed') return;
    try {
      if (step.step === 'answer') await answer(step);
      else if (step.step === 'offer') await offer();
      else await pc.setRemoteDescription({ type: 'answer', sdp: step.sdp });
    } catch (error) {
      // The participant left, or its client closed the connection, while this step ran on it: werift
      // fails the step for that alone, and no one is left to negotiate with.
      if (closed()) return;
      logger.error('media negotiation failed', error);
      dispatch({ type: 'step-failed', step: step.step, connectionStable: pc.signalingState === 'stable' });
    }
  };

  lifetime.own(() => dispatch({ type: 'close' }));

  return {
    get forwarding() {
      return forwardsMayBeAdded(state);
    },
    receiveOffer: (theirs, sdp) => dispatch({ type: 'client-offer', revision: theirs, sdp }),
    receiveAnswer: (theirs, sdp) => dispatch({ type: 'client-answer', revision: theirs, sdp }),
    renegotiate: () => dispatch({ type: 'renegotiate' }),
  };
}
