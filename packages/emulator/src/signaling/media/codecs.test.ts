import { describe, expect, it } from 'vitest';
import { connectionCodecs, restrictToCodecs } from './codecs.js';

/** A client's offer with one video m-line of `codecs` (`<payload type> <name> [<fmtp parameters>]`). */
function offer(...codecs: string[]) {
  const lines = codecs.flatMap((codec) => {
    const [pt, name, fmtp] = codec.split(' ');
    return [`a=rtpmap:${pt} ${name}/90000`, ...(fmtp ? [`a=fmtp:${pt} ${fmtp}`] : [])];
  });
  const formats = codecs.map((codec) => codec.split(' ')[0]).join(' ');
  return ['v=0', 's=-', 't=0 0', `m=video 9 UDP/TLS/RTP/SAVPF ${formats}`, 'a=mid:0', ...lines, ''].join(
    '\r\n',
  );
}

const describeCodecs = (codecs: ReturnType<typeof connectionCodecs>['video']) =>
  codecs.map((codec) => `${codec.payloadType} ${codec.mimeType} ${codec.parameters ?? ''}`.trim());

describe('a connection’s video codecs', () => {
  it('in an H264 room whose client offers no Constrained Baseline: another packetization mode 1 profile, never mode 0', () => {
    const client = offer(
      '96 VP8',
      '104 H264 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f',
      '116 H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
    );
    const codecs = connectionCodecs(client, ['H264']);
    expect(describeCodecs(codecs.video)).toEqual([
      '116 video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
    ]);
    expect(restrictToCodecs(client, codecs)).toBe(
      offer('116 H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f'),
    );
  });

  it('in a room with both codecs: both, numbered as the client numbers them', () => {
    const client = offer('120 H264 packetization-mode=1;profile-level-id=42e01f', '100 VP8');
    expect(describeCodecs(connectionCodecs(client, ['VP8', 'H264']).video)).toEqual([
      '100 video/VP8',
      '120 video/H264 packetization-mode=1;profile-level-id=42e01f',
    ]);
  });

  it('in an audio-only room (no video codecs), VP8: its clients still offer to receive video', () => {
    expect(describeCodecs(connectionCodecs(offer('96 VP8', '98 VP9'), []).video)).toEqual(['96 video/VP8']);
  });
});
