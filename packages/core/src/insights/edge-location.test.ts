import { describe, expect, it } from 'vitest';
import { edgeLocationOf, edgeLocationOfRegion } from './edge-location.js';

describe('the edge a client came through', () => {
  it.each([
    ['global.vss.twilio.com', 'roaming'],
    ['us1.vss.twilio.com', 'ashburn'],
    ['de1.vss.twilio.com', 'frankfurt'],
    ['JP1.vss.twilio.com:443', 'tokyo'],
    ['sydney.vss.twilio.com', 'sydney'],
    ['127.0.0.1:4010', 'roaming'],
    [undefined, 'roaming'],
    ['in1.vss.twilio.com', null],
  ])('%s is %s', (host, edge) => {
    expect(edgeLocationOf(host)).toBe(edge);
  });
});

describe('the edge of a room’s media servers', () => {
  it.each([
    ['us1', 'ashburn'],
    ['ie1', 'dublin'],
    ['au1', 'sydney'],
    ['gll', 'roaming'],
    ['in1', null],
  ])('%s is %s', (region, edge) => {
    expect(edgeLocationOfRegion(region)).toBe(edge);
  });
});
