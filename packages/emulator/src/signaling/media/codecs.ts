import type { VideoCodec } from '@roomlab/core';
import { RTCRtpCodecParameters } from 'werift';

/**
 * The codecs the SFU speaks with one client, as Twilio's media servers do: Opus, and of video only the
 * room's codecs (its VideoCodecs). The SDK reads them back: it keeps VP8 simulcast only where the answer
 * prefers VP8, and writes Opus DTX into Opus's fmtp line.
 *
 * Each codec is numbered and parameterized as the client's first offer has it, so that every m-line of
 * the SFU's own (a forward) agrees with the client's m-lines in the BUNDLE group: one payload type, one
 * codec. What the client did not offer gets Chromium's numbering.
 */
export interface Codecs {
  audio: RTCRtpCodecParameters[];
  video: RTCRtpCodecParameters[];
}

type CodecInit = ConstructorParameters<typeof RTCRtpCodecParameters>[0];

interface SfuCodec {
  /** The codec when the client's offer has none that suits. */
  fallback: CodecInit;
  /** How well an offered codec of the same MIME type suits, by its fmtp parameters: 0 not at all, more is better. */
  suits(parameters: string): number;
}

/** The feedback the SFU acts on: retransmissions, and keyframe requests it passes on to the publisher. */
const videoFeedback = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }];

const any = () => 1;

const opus: SfuCodec = {
  fallback: {
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    payloadType: 111,
    parameters: 'minptime=10;useinbandfec=1',
  },
  suits: any,
};

const videoCodecs: Record<VideoCodec, SfuCodec> = {
  VP8: {
    fallback: { mimeType: 'video/VP8', clockRate: 90000, payloadType: 96, rtcpFeedback: videoFeedback },
    suits: any,
  },
  // Packetization mode 1 (what browsers send); Constrained Baseline level 3.1 first, which every browser decodes.
  H264: {
    fallback: {
      mimeType: 'video/H264',
      clockRate: 90000,
      payloadType: 102,
      parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
      rtcpFeedback: videoFeedback,
    },
    suits: (parameters) =>
      !/(^|;)packetization-mode=1\b/.test(parameters)
        ? 0
        : /profile-level-id=42e01f/i.test(parameters)
          ? 2
          : 1,
  },
};

/** A codec a client offered: an `a=rtpmap` line of its first m-line of a kind, with its `a=fmtp` parameters. */
interface OfferedCodec {
  payloadType: number;
  /** As in `a=rtpmap`, e.g. `H264`. */
  name: string;
  parameters: string;
}

/** The codecs of the first m-line of `kind` in an SDP (none if it has no such m-line, or is not SDP). */
function offeredCodecs(sdp: string, kind: 'audio' | 'video'): OfferedCodec[] {
  const section = sdp.split(/\r?\n(?=m=)/).find((part) => part.startsWith(`m=${kind} `)) ?? '';
  return [...section.matchAll(/\r?\na=rtpmap:(\d+) ([^/\s]+)\//g)].map(([, payloadType, name]) => ({
    payloadType: Number(payloadType),
    name: name ?? '',
    parameters: new RegExp(`\\r?\\na=fmtp:${payloadType} ([^\\r\\n]*)`).exec(section)?.[1] ?? '',
  }));
}

/** The SFU's codec, numbered and parameterized as the best suited of the client's offered ones. */
function chooseCodec(codec: SfuCodec, offered: OfferedCodec[]): RTCRtpCodecParameters {
  const name = codec.fallback.mimeType.split('/')[1]?.toLowerCase();
  let best: OfferedCodec | undefined;
  for (const candidate of offered) {
    if (candidate.name.toLowerCase() !== name) continue;
    if (codec.suits(candidate.parameters) > (best ? codec.suits(best.parameters) : 0)) best = candidate;
  }
  if (!best) return new RTCRtpCodecParameters(codec.fallback);
  const parameters = best.parameters || codec.fallback.parameters;
  return new RTCRtpCodecParameters({ ...codec.fallback, payloadType: best.payloadType, parameters });
}

/**
 * The codecs of a connection in a room with `roomVideoCodecs`, from the client's first offer. With none
 * (an audio-only room: its clients still offer to receive video), video is VP8, Twilio's default.
 */
export function connectionCodecs(firstOffer: string, roomVideoCodecs: readonly VideoCodec[]): Codecs {
  const video = roomVideoCodecs.length > 0 ? roomVideoCodecs : (['VP8'] as const);
  return {
    audio: [chooseCodec(opus, offeredCodecs(firstOffer, 'audio'))],
    video: video.map((codec) => chooseCodec(videoCodecs[codec], offeredCodecs(firstOffer, 'video'))),
  };
}

/**
 * A client's offer with each audio and video m-line restricted to the connection's payload types.
 * werift takes every offered codec of a MIME type it knows (all of Chromium's H264 profiles, say); so
 * the SFU answers just the one it speaks. An m-line that offers none of them is left as it is.
 */
export function restrictToCodecs(offer: string, codecs: Codecs): string {
  const [session = '', ...media] = offer.split(/\r\n(?=m=)/);
  return [session, ...media.map((section) => restrictSection(section, codecs))].join('\r\n');
}

function restrictSection(section: string, codecs: Codecs): string {
  const mLine = /^m=(audio|video) (\S+) (\S+) ([^\r\n]*)/.exec(section);
  if (!mLine) return section;
  const [, kind, port, protocol, list = ''] = mLine;
  const ours = codecs[kind as keyof Codecs].map((codec) => String(codec.payloadType));
  const formats = list.split(' ');
  const keep = formats.filter((format) => ours.includes(format));
  if (keep.length === 0 || keep.length === formats.length) return section;
  const dropped = (line: string) => {
    const format = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+) /.exec(line)?.[1];
    return format !== undefined && !keep.includes(format);
  };
  const lines = section.split('\r\n').filter((line) => !dropped(line));
  lines[0] = `m=${kind} ${port} ${protocol} ${keep.join(' ')}`;
  return lines.join('\r\n');
}
