import { annexb2avcc, annexb2avcSample, H264AnnexBParser, H264NaluType } from 'werift/nonstandard';
import { type FrameSize, spsFrameSize } from './h264-sps.js';

/**
 * What a video track's Matroska header needs from the stream itself: the frame size (werift writes
 * 640x360 unless told) and, for H.264, the AVCDecoderConfigurationRecord that Matroska's
 * `V_MPEG4/ISO/AVC` carries as CodecPrivate. Both come with the first keyframe.
 */
export interface VideoHeader extends FrameSize {
  codecPrivate?: Uint8Array;
}

/** Watches a video stream's frames (depacketized, in order) for what its header needs. */
export interface VideoHeaderFinder {
  /** The header, once `frame` is a keyframe it can be read from (undefined until then). */
  see(frame: { data: Buffer; isKeyframe: boolean }): VideoHeader | undefined;
  /** A frame as the file stores it. */
  sample(data: Buffer): Buffer;
}

export function vp8HeaderFinder(): VideoHeaderFinder {
  return {
    see: ({ data, isKeyframe }) => (isKeyframe ? vp8FrameSize(data) : undefined),
    sample: (data) => data,
  };
}

/**
 * A VP8 keyframe's size (RFC 6386 §9.1): a 3-byte frame tag (bit 0 clear on a keyframe), the start
 * code 9d 01 2a, then 14-bit width and height, little-endian (the top two bits are scaling).
 */
export function vp8FrameSize(frame: Buffer): FrameSize | undefined {
  const keyframe = frame.length >= 10 && ((frame[0] ?? 1) & 1) === 0;
  if (!keyframe || frame.readUIntBE(3, 3) !== 0x9d012a) return undefined;
  return { width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

/**
 * H.264 frames arrive as Annex B (start codes) from werift's depacketizer; Matroska stores them
 * length-prefixed, with the parameter sets in CodecPrivate. A browser sends its SPS and PPS with each
 * keyframe; they are remembered from any frame, in case a sender puts them in a frame of their own.
 */
export function h264HeaderFinder(): VideoHeaderFinder {
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  return {
    see({ data, isKeyframe }) {
      const parser = new H264AnnexBParser(data);
      for (let nalu = parser.readNextNaluPayload(); nalu; nalu = parser.readNextNaluPayload()) {
        // Copied: a view would keep the whole frame.
        if (nalu.type === H264NaluType.kSliceSPS) sps = Buffer.from(nalu.data);
        if (nalu.type === H264NaluType.kSlicePPS) pps = Buffer.from(nalu.data);
      }
      if (!isKeyframe || !sps || !pps) return undefined;
      const startCode = Buffer.from([0, 0, 0, 1]);
      const codecPrivate = annexb2avcc(Buffer.concat([startCode, sps, startCode, pps]));
      return { ...spsFrameSize(sps), codecPrivate };
    },
    sample: annexb2avcSample,
  };
}
