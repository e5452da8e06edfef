/**
 * The frame size an H.264 sequence parameter set declares (ITU-T H.264 §7.3.2.1.1), for the video
 * track's header: werift parses SPSs too, but does not export its parser.
 */
export interface FrameSize {
  width: number;
  height: number;
}

/** `sps`: the NAL unit, header byte included, without start code or length. */
export function spsFrameSize(sps: Uint8Array): FrameSize {
  const bits = bitReader(withoutEmulationPrevention(sps.subarray(1)));
  const profileIdc = bits.read(8);
  bits.read(16); // constraint flags, level_idc
  bits.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profileIdc)) {
    chromaFormatIdc = bits.ue();
    if (chromaFormatIdc === 3) bits.read(1); // separate_colour_plane_flag
    bits.ue(); // bit_depth_luma_minus8
    bits.ue(); // bit_depth_chroma_minus8
    bits.read(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.read(1)) skipScalingLists(bits, chromaFormatIdc === 3 ? 12 : 8);
  }
  bits.ue(); // log2_max_frame_num_minus4
  skipPictureOrderCount(bits);
  bits.ue(); // max_num_ref_frames
  bits.read(1); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = bits.ue() + 1;
  const heightInMapUnits = bits.ue() + 1;
  const frameMbsOnly = bits.read(1);
  if (!frameMbsOnly) bits.read(1); // mb_adaptive_frame_field_flag
  bits.read(1); // direct_8x8_inference_flag
  const crop = bits.read(1) ? [bits.ue(), bits.ue(), bits.ue(), bits.ue()] : [0, 0, 0, 0];
  const [left = 0, right = 0, top = 0, bottom = 0] = crop;
  // Crop units (Table 6-1): 4:2:0 halves both directions, 4:2:2 only the width.
  const cropX = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const cropY = (chromaFormatIdc === 1 ? 2 : 1) * (2 - frameMbsOnly);
  return {
    width: widthInMbs * 16 - cropX * (left + right),
    height: (2 - frameMbsOnly) * heightInMapUnits * 16 - cropY * (top + bottom),
  };
}

function skipPictureOrderCount(bits: BitReader) {
  const type = bits.ue();
  if (type === 0) bits.ue(); // log2_max_pic_order_cnt_lsb_minus4
  if (type !== 1) return;
  bits.read(1); // delta_pic_order_always_zero_flag
  bits.se(); // offset_for_non_ref_pic
  bits.se(); // offset_for_top_to_bottom_field
  const cycle = bits.ue();
  for (let i = 0; i < cycle; i++) bits.se();
}

function skipScalingLists(bits: BitReader, count: number) {
  for (let list = 0; list < count; list++) {
    if (!bits.read(1)) continue;
    const size = list < 6 ? 16 : 64;
    let last = 8;
    let next = 8;
    for (let j = 0; j < size && next !== 0; j++) {
      next = (last + bits.se() + 256) % 256;
      if (next !== 0) last = next;
    }
  }
}

/** The RBSP: each 0x000003 emulation prevention sequence loses its 0x03. */
function withoutEmulationPrevention(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 3 && i >= 2 && data[i - 1] === 0 && data[i - 2] === 0) continue;
    out.push(byte);
  }
  return Uint8Array.from(out);
}

interface BitReader {
  read(count: number): number;
  /** Unsigned Exp-Golomb. */
  ue(): number;
  /** Signed Exp-Golomb. */
  se(): number;
}

function bitReader(data: Uint8Array): BitReader {
  let position = 0;
  const bit = () => {
    if (position >= data.length * 8) throw new Error('H.264 SPS ends early');
    const value = ((data[position >> 3] ?? 0) >> (7 - (position & 7))) & 1;
    position++;
    return value;
  };
  const read = (count: number) => {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + bit();
    return value;
  };
  const ue = () => {
    let zeros = 0;
    while (bit() === 0) zeros++;
    return 2 ** zeros - 1 + read(zeros);
  };
  const se = () => {
    const k = ue();
    return k % 2 === 1 ? (k + 1) / 2 : -k / 2;
  };
  return { read, ue, se };
}
