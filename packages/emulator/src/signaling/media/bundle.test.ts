import { describe, expect, it } from 'vitest';
import { bundleAsOffered } from './sdp.js';

const sdp = (group: string) =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', group, 'm=audio 9 UDP/TLS/RTP/SAVPF 111'].join('\r\n');

describe('bundleAsOffered', () => {
  it('bundles in the answer only the m-lines the offer bundled (a stopped one is left out)', () => {
    const answer = bundleAsOffered(sdp('a=group:BUNDLE 0 1 2 3 4'), sdp('a=group:BUNDLE 0 2 3 4'));
    expect(answer).toContain('\r\na=group:BUNDLE 0 2 3 4\r\n');
    expect(answer).toContain('m=audio 9');
  });

  it('leaves an answer alone when the offer has no BUNDLE group', () => {
    const answer = sdp('a=group:BUNDLE 0 1');
    expect(bundleAsOffered(answer, sdp('a=msid-semantic: WMS'))).toBe(answer);
  });
});
