/**
 * The SFU's side of offer and answer with one client, as a state machine: every transition is here,
 * and the driver (negotiation.ts) runs the steps they call for on werift, one after another.
 *
 * The client's descriptions and our own changes move the state when they arrive, not when their step
 * runs: a state says where the connection will be once the queued steps are done. So a second change
 * while our offer is on its way waits for the client's answer, and a client's offer that follows its
 * answer is answered, not taken for glare. The steps report back (answer sent, offer sent, failed).
 *
 *   awaiting-client-offer ──client offer──▶ answering ──answer sent──▶ stable
 *   stable ──client offer──▶ answering
 *   stable ──renegotiate──▶ offering ──client's answer──▶ stable
 *   a step that leaves werift mid-negotiation ──▶ failed;   leave, or the client closes ──▶ closed
 *
 * "Renegotiate once stable again" is data of the busy states (answering, offering): the change is
 * offered as soon as the answer is out or the client's answer is in.
 */

export type NegotiationState =
  /** No client offer answered yet: the connection must hold only the client's m-lines. */
  | { name: 'awaiting-client-offer' }
  /** A client's offer is being applied and answered (`first`: its first one). */
  | { name: 'answering'; first: boolean; renegotiate: boolean }
  | { name: 'stable' }
  /** Our offer is being made, or is out (with its `revision`) waiting for the client's answer. */
  | { name: 'offering'; revision: number | undefined; renegotiate: boolean }
  /** A step failed and left werift's connection mid-negotiation: nothing more is negotiated on it. */
  | { name: 'failed' }
  /** The participant left, or its client closed the connection. */
  | { name: 'closed' };

/** What the driver runs on werift for a transition, after the steps already queued. */
export type NegotiationStep =
  | { step: 'answer'; revision: number; sdp: string }
  | { step: 'offer' }
  | { step: 'apply-answer'; sdp: string };

export type NegotiationEvent =
  | { type: 'client-offer'; revision: number; sdp: string }
  | { type: 'answer-sent' }
  /** Something changed on our side (a forward, a media-signaling channel) that the client must be offered. */
  | { type: 'renegotiate' }
  | { type: 'offer-sent'; revision: number }
  | { type: 'client-answer'; revision: number; sdp: string }
  /** A step threw; `connectionStable`: werift's signaling state is stable even so. */
  | { type: 'step-failed'; step: NegotiationStep['step']; connectionStable: boolean }
  | { type: 'close' };

export interface Transition {
  state: NegotiationState;
  steps: NegotiationStep[];
}

const stay = (state: NegotiationState): Transition => ({ state, steps: [] });
const makeOffer: Transition = {
  state: { name: 'offering', revision: undefined, renegotiate: false },
  steps: [{ step: 'offer' }],
};

export function nextNegotiation(state: NegotiationState, event: NegotiationEvent): Transition {
  if (state.name === 'closed') return stay(state);
  switch (event.type) {
    case 'client-offer':
      return onClientOffer(state, event);
    case 'answer-sent':
      return onAnswerSent(state);
    case 'renegotiate':
      return onRenegotiate(state);
    case 'offer-sent':
      return stay(state.name === 'offering' ? { ...state, revision: event.revision } : state);
    case 'client-answer':
      return onClientAnswer(state, event);
    case 'step-failed':
      return onStepFailed(state, event);
    case 'close':
      return stay({ name: 'closed' });
  }
}

/**
 * A client's offer is answered when nothing of ours is under way. While our offer is out it is glare:
 * the SDK rolls its own offer back when ours arrives, answers ours and offers again afterwards, so this
 * one is dropped rather than fought over. The client makes one offer at a time, so one arriving while
 * we answer is a repeat, answered by that answer.
 */
function onClientOffer(state: NegotiationState, offer: { revision: number; sdp: string }): Transition {
  if (state.name !== 'awaiting-client-offer' && state.name !== 'stable') return stay(state);
  return {
    state: { name: 'answering', first: state.name === 'awaiting-client-offer', renegotiate: false },
    steps: [{ step: 'answer', revision: offer.revision, sdp: offer.sdp }],
  };
}

/** Our answer is out: stable, or on to the offer of what changed meanwhile. */
function onAnswerSent(state: NegotiationState): Transition {
  if (state.name !== 'answering') return stay(state);
  return state.renegotiate ? makeOffer : stay({ name: 'stable' });
}

/**
 * A change is offered at once when stable, and remembered while busy. Before the first answer there is
 * nothing to remember: forwards and channels are looked at once it is out.
 */
function onRenegotiate(state: NegotiationState): Transition {
  if (state.name === 'stable') return makeOffer;
  if (state.name === 'answering' || state.name === 'offering') return stay({ ...state, renegotiate: true });
  return stay(state);
}

/** The client answers our offer: stable (once applied), or on to the offer of what changed meanwhile. */
function onClientAnswer(state: NegotiationState, answer: { revision: number; sdp: string }): Transition {
  // An answer to no offer of ours, or to an earlier one, is stale.
  if (state.name !== 'offering' || state.revision !== answer.revision) return stay(state);
  const apply = { step: 'apply-answer', sdp: answer.sdp } as const;
  if (!state.renegotiate) return { state: { name: 'stable' }, steps: [apply] };
  return { state: makeOffer.state, steps: [apply, ...makeOffer.steps] };
}

/**
 * A failed step that left werift mid-negotiation fails the connection. One that left it stable undoes
 * its own transition: an unanswered offer leaves us where we were, an offer we could not make, stable.
 */
function onStepFailed(
  state: NegotiationState,
  failure: { step: NegotiationStep['step']; connectionStable: boolean },
): Transition {
  if (!failure.connectionStable) return stay({ name: 'failed' });
  if (failure.step === 'answer' && state.name === 'answering')
    return stay(state.first ? { name: 'awaiting-client-offer' } : { name: 'stable' });
  if (failure.step === 'offer' && state.name === 'offering') return stay({ name: 'stable' });
  return stay(state);
}

/**
 * Whether forwards may add m-lines now: not before the client's first offer is answered, since
 * transceivers added earlier would be paired with the client's own sending m-lines.
 */
export function forwardsMayBeAdded(state: NegotiationState): boolean {
  if (state.name === 'answering') return !state.first;
  return state.name === 'stable' || state.name === 'offering';
}
