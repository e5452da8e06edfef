import { annexb2avcc, annexb2avcSample, H264AnnexBParser, H264NaluType } from 'werift/nonstandard';
import { type FrameSize, spsFrameSize } from './h264-sps.js';

/**
 * Video frames (depacketized, in order) as a recording reads them: which are keyframes, what the
 * track's Matroska header needs (the frame size: werift writes 640x360 unless told; for H.264 the
 * AVCDecoderConfigurationRecord that `V_MPEG4/ISO/AVC` carries as CodecPrivate), and how the file
 * stores each frame.
 */
export interface VideoHeader extends FrameSize {
  codecPrivate?: Uint8Array;
}

export interface VideoFrameReader {
  /** Whether `data` is a keyframe, and the header once a keyframe gives it (undefined until then). */
  read(data: Buffer): { isKeyframe: boolean; header: VideoHeader | undefined };
  /** The frame as the file stores it. */
  sample(data: Buffer): Buffer;
}

export function vp8FrameReader(): VideoFrameReader {
  return {
    read(data) {
      const header = vp8FrameSize(data);
      return { isKeyframe: header !== undefined, header };
    },
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
 * length-prefixed, with the parameter sets in CodecPrivate. A keyframe is a frame with an IDR slice:
 * werift's depacketizer also takes a frame for one when the second byte of a packet happens to look
 * like an IDR's FU header. A browser sends its SPS and PPS with each keyframe; they are remembered from
 * any frame, in case a sender puts them in a frame of their own.
 */
export function h264FrameReader(): VideoFrameReader {
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  return {
    read(data) {
      let isKeyframe = false;
      const parser = new H264AnnexBParser(data);
      for (let nalu = parser.readNextNaluPayload(); nalu; nalu = parser.readNextNaluPayload()) {
        // Copied: a view would keep the whole frame.
        if (nalu.type === H264NaluType.kSliceSPS) sps = Buffer.from(nalu.data);
        if (nalu.type === H264NaluType.kSlicePPS) pps = Buffer.from(nalu.data);
        if (nalu.type === H264NaluType.kSliceIDR) isKeyframe = true;
      }
      if (!isKeyframe || !sps || !pps) return { isKeyframe, header: undefined };
      const startCode = Buffer.from([0, 0, 0, 1]);
      const codecPrivate = annexb2avcc(Buffer.concat([startCode, sps, startCode, pps]));
      return { isKeyframe, header: { ...spsFrameSize(sps), codecPrivate } };
    },
    sample: annexb2avcSample,
  };
}
