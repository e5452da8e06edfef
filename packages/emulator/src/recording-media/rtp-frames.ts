import type { RtpPacket } from 'werift';
import { type CodecFrame, DepacketizeBase, JitterBufferBase } from 'werift/nonstandard';
import type { RecordedCodec } from './recorded-media.js';

/**
 * One RTP stream (one SSRC) turned into whole frames with their media times, as werift's recorder does
 * it: a jitter buffer puts packets back in order, a depacketizer joins each frame's packets (a video
 * frame ends at the packet with the marker bit). Not its waitForKeyframe: waiting, it keeps every
 * packet and hands them all over as one frame at the first keyframe packet (the recording waits itself).
 *
 * Times come from the RTP timestamps, each counted from the stream's first one (werift's RtpTimeBase
 * adds up per-packet differences truncated to whole milliseconds, which drifts at 30 fps).
 */
export interface RtpFrames {
  push(rtp: RtpPacket): void;
  /** Passes on what the jitter buffer still holds: the stream has ended. */
  flush(): void;
}

export interface RtpFramesOptions {
  codec: RecordedCodec;
  clockRate: number;
  /** The media time (ms) of the stream's first timestamp. */
  startMs: number;
  onFrame(frame: CodecFrame): void;
}

const depacketizerCodec = { OPUS: 'OPUS', VP8: 'VP8', H264: 'MPEG4/ISO/AVC' } as const;

export function rtpFrames(options: RtpFramesOptions): RtpFrames {
  const { codec, clockRate, startMs, onFrame } = options;
  const jitterBuffer = new JitterBufferBase(clockRate);
  const video = codec !== 'OPUS';
  const depacketizer = new DepacketizeBase(
    depacketizerCodec[codec],
    video ? { isFinalPacketInSequence: (header) => header.marker } : {},
  );
  const mediaTime = rtpClock(clockRate);
  const depacketize = (rtp: RtpPacket) => {
    const time = startMs + mediaTime(rtp.header.timestamp);
    for (const { frame } of depacketizer.processInput({ rtp, time })) if (frame) onFrame(frame);
  };
  const pass = (input: { rtp?: RtpPacket; eol?: boolean }) => {
    for (const { rtp } of jitterBuffer.processInput(input)) if (rtp) depacketize(rtp);
  };
  return {
    push: (rtp) => pass({ rtp }),
    flush: () => pass({ eol: true }),
  };
}

/**
 * Milliseconds since the first RTP timestamp, for each timestamp in turn: the signed 32-bit difference
 * from the previous one unfolds wrap-around and late packets.
 */
export function rtpClock(clockRate: number): (timestamp: number) => number {
  let previous: number | undefined;
  let ticks = 0;
  return (timestamp) => {
    if (previous !== undefined) ticks += (timestamp - previous) | 0;
    previous = timestamp;
    return Math.round((ticks * 1000) / clockRate);
  };
}
