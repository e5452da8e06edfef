import type { RecordingCodec } from '@roomlab/core';

/**
 * What a finished recording file holds, in the terms of Twilio's Recording resource: `codec`, and the
 * file's own duration and size (`duration` and `size` are derived from these).
 */
export interface RecordedMedia {
  sizeBytes: number;
  /** The file's duration (its Matroska Segment Duration): from its first frame to the end of its last. */
  durationMs: number;
  codec: RecordedCodec;
  /** A video track's frame size, as its header says. */
  width?: number;
  height?: number;
}

/** Twilio's names for the codecs a recording can be in. */
export type RecordedCodec = Exclude<RecordingCodec, 'PCMU'>;

/** The codec an RTP packet is in, as the SFU negotiated it. */
export interface RtpCodec {
  /** `audio/opus`, `video/VP8`, `video/H264` (or just the name: `opus`, `VP8`, `H264`). */
  mimeType: string;
  payloadType: number;
  clockRate: number;
}

/** The recorded codec of an RTP codec (undefined for one no recording can hold). */
export function recordedCodecOf(codec: RtpCodec): RecordedCodec | undefined {
  const name = codec.mimeType.split('/').at(-1)?.toUpperCase();
  return name === 'OPUS' || name === 'VP8' || name === 'H264' ? name : undefined;
}
