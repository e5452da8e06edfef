import { describe, expect, it } from 'vitest';
import { emptyFault, faultInput } from './fault-input.js';

describe('the fault form’s request', () => {
  it('sends a REST fault with only the fields given, numbers as numbers', () => {
    expect(
      faultInput({ ...emptyFault, method: 'POST', path: ' /v1/Rooms ', errorCode: '20500', times: '2' }),
    ).toEqual({ kind: 'rest', method: 'POST', path: '/v1/Rooms', errorCode: 20500, times: 2 });
  });

  it('sends a webhook fault’s delay only when it delays, and leaves the REST fields out', () => {
    const fields = {
      ...emptyFault,
      kind: 'webhook' as const,
      path: '/v1',
      event: 'room-ended',
      delayMs: '500',
    };
    expect(faultInput(fields)).toEqual({ kind: 'webhook', event: 'room-ended', action: 'drop' });
    expect(faultInput({ ...fields, action: 'delay' })).toEqual({
      kind: 'webhook',
      event: 'room-ended',
      action: 'delay',
      delayMs: 500,
    });
  });

  it('sends an Insights stall, for every room unless one is named', () => {
    expect(faultInput({ ...emptyFault, kind: 'insights' })).toEqual({ kind: 'insights', action: 'stall' });
  });

  it('sends what is not a number as typed, for the emulator to refuse by name', () => {
    expect(faultInput({ ...emptyFault, latencyMs: 'soon' })).toEqual({ kind: 'rest', latencyMs: 'soon' });
  });
});
