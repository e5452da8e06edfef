import type { DetectedCodec } from '@roomlab/core';
import type { RTCRtpCodecParameters } from 'werift';

/** Insights' codec names by MIME type; retransmissions (rtx), red and ulpfec carry none of their own. */
const byMimeType: Readonly<Record<string, DetectedCodec>> = {
  'audio/opus': 'opus',
  'video/vp8': 'VP8',
  'video/h264': 'H264',
  'video/vp9': 'VP9',
};

/** The codec a packet's payload type stands for on its connection, in Insights' words. */
export function detectedCodecOf(
  codecs: readonly RTCRtpCodecParameters[],
  payloadType: number,
): DetectedCodec | undefined {
  const codec = codecs.find((candidate) => candidate.payloadType === payloadType);
  return codec ? byMimeType[codec.mimeType.toLowerCase()] : undefined;
}
