import { describe, expect, it } from 'vitest';
import type { NegotiationEvent, NegotiationState, NegotiationStep } from './negotiation-state.js';
import { forwardsMayBeAdded, nextNegotiation } from './negotiation-state.js';

/** Feeds events in order from a fresh connection; returns where it ends and every step asked for. */
function after(events: NegotiationEvent[]) {
  let state: NegotiationState = { name: 'awaiting-client-offer' };
  const steps: NegotiationStep['step'][] = [];
  for (const event of events) {
    const transition = nextNegotiation(state, event);
    state = transition.state;
    steps.push(...transition.steps.map((step) => step.step));
  }
  return { state, steps };
}

const clientOffer = (revision: number): NegotiationEvent => ({
  type: 'client-offer',
  revision,
  sdp: 'offer',
});
const clientAnswer = (revision: number): NegotiationEvent => ({
  type: 'client-answer',
  revision,
  sdp: 'answer',
});
const answered: NegotiationEvent[] = [clientOffer(1), { type: 'answer-sent' }];
const offerOut: NegotiationEvent[] = [
  ...answered,
  { type: 'renegotiate' },
  { type: 'offer-sent', revision: 2 },
];

describe('SFU negotiation', () => {
  it('answers the client’s first offer, and adds forwards only once that answer is out', () => {
    expect(forwardsMayBeAdded(after([]).state)).toBe(false);
    expect(after([clientOffer(1)])).toEqual({
      state: { name: 'answering', first: true, renegotiate: false },
      steps: ['answer'],
    });
    expect(forwardsMayBeAdded(after([clientOffer(1)]).state)).toBe(false);
    expect(after(answered).state).toEqual({ name: 'stable' });
    expect(forwardsMayBeAdded(after(answered).state)).toBe(true);
  });

  it('offers a change at once when stable, and a second change only after the client has answered', () => {
    expect(after([...offerOut, { type: 'renegotiate' }]).steps).toEqual(['answer', 'offer']);
    expect(after([...offerOut, { type: 'renegotiate' }, clientAnswer(2)])).toEqual({
      state: { name: 'offering', revision: undefined, renegotiate: false },
      steps: ['answer', 'offer', 'apply-answer', 'offer'],
    });
    expect(after([...offerOut, clientAnswer(2)]).state).toEqual({ name: 'stable' });
  });

  it('offers a change made while answering the client once the answer is out', () => {
    const events: NegotiationEvent[] = [...answered, clientOffer(2), { type: 'renegotiate' }];
    expect(after(events).steps).toEqual(['answer', 'answer']);
    expect(after([...events, { type: 'answer-sent' }]).steps).toEqual(['answer', 'answer', 'offer']);
  });

  it('drops the client’s offer while ours is out (glare), and answers the one that follows its answer', () => {
    expect(after([...offerOut, clientOffer(3)]).steps).toEqual(['answer', 'offer']);
    expect(after([...offerOut, clientOffer(3), clientAnswer(2), clientOffer(3)]).steps).toEqual([
      'answer',
      'offer',
      'apply-answer',
      'answer',
    ]);
  });

  it('ignores an answer to an earlier offer', () => {
    expect(after([...offerOut, clientAnswer(1)])).toEqual({
      state: { name: 'offering', revision: 2, renegotiate: false },
      steps: ['answer', 'offer'],
    });
  });

  it('waits for the next offer after an answer that failed with werift still stable, and gives up on one left mid-way', () => {
    const failed = (connectionStable: boolean): NegotiationEvent => ({
      type: 'step-failed',
      step: 'answer',
      connectionStable,
    });
    expect(after([clientOffer(1), failed(true)]).state).toEqual({ name: 'awaiting-client-offer' });
    expect(after([clientOffer(1), failed(true), clientOffer(2)]).steps).toEqual(['answer', 'answer']);
    expect(after([clientOffer(1), failed(false), clientOffer(2)])).toEqual({
      state: { name: 'failed' },
      steps: ['answer'],
    });
  });

  it('runs nothing more once closed', () => {
    expect(after([...answered, { type: 'close' }, clientOffer(2), { type: 'renegotiate' }])).toEqual({
      state: { name: 'closed' },
      steps: ['answer'],
    });
  });
});
