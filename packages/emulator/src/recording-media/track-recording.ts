import type { Logger } from '@roomlab/core';
import type { RtpPacket } from 'werift';
import type { CodecFrame } from 'werift/nonstandard';
import { opusPacketMs } from './opus-packet.js';
import { type RecordedCodec, type RecordedMedia, type RtpCodec, recordedCodecOf } from './recorded-media.js';
import { type RtpFrames, rtpFrames } from './rtp-frames.js';
import { openTrackFile, type TrackFile } from './track-file.js';
import { h264FrameReader, type VideoFrameReader, type VideoHeader, vp8FrameReader } from './video-frames.js';

/**
 * One published track's recording: the RTP the SFU receives for it, written into a Matroska file as it
 * comes (Opus audio in `.mka`, VP8 or H.264 video in `.mkv`, as published; nothing is transcoded).
 *
 * Video frames before the first keyframe are dropped (as werift's recorder does): the file starts at a
 * keyframe, whose header gives the frame size (and H.264's parameter sets) for the track's header. The
 * file is created then; a track that never sent a usable frame leaves no file.
 *
 * A new SSRC (the publisher's encoder restarted) starts a new stream in the same file, placed after
 * what came before by the time that passed between them.
 */
export interface TrackRecording {
  /** One RTP packet of the track, in the codec the SFU negotiated for it. Ignored after `stop()`. */
  writeRtp(rtp: RtpPacket, codec: RtpCodec): void;
  /**
   * Finishes the file (once: a second call gets the same promise). Resolves to what it holds, or to undefined if no frame was ever recorded (no RTP
   * came, or no keyframe): then there is no file. Rejects if writing failed.
   */
  stop(): Promise<RecordedMedia | undefined>;
}

export interface TrackRecordingOptions {
  kind: 'audio' | 'video';
  file: string;
  logger: Logger;
}

/** What comes from one SSRC. */
interface Stream {
  ssrc: number;
  frames: RtpFrames;
}

export function startTrackRecording(options: TrackRecordingOptions): TrackRecording {
  const { logger } = options;
  let stopped = false;
  let finishing: Promise<RecordedMedia | undefined> | undefined;
  let failure: { error: unknown } | undefined;
  let codec: RecordedCodec | undefined;
  let frameReader: VideoFrameReader | undefined;
  let video: VideoHeader | undefined;
  let file: TrackFile | undefined;
  let stream: Stream | undefined;
  let codecSwitchReported = false;
  /** The media time of the latest frame, and when (wall clock, ms) it came. */
  let latest = { time: 0, at: 0 };

  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    logger.error(`recording ${options.file} failed: it records nothing more`, error);
  };

  /** Writes one stream's frames: its video from its first keyframe on. */
  const frameWriter = () => {
    let started = false;
    return ({ data, time }: CodecFrame) => {
      latest = { time, at: performance.now() };
      if (!codec) return;
      if (!frameReader) {
        file ??= openTrackFile({ file: options.file, codec, onError: fail });
        file.write({ data, isKeyframe: true, time, lengthMs: opusPacketMs(data) });
        return;
      }
      const { isKeyframe, header } = frameReader.read(data);
      video ??= header;
      started ||= isKeyframe && video !== undefined;
      if (!video || !started) return;
      file ??= openTrackFile({ file: options.file, codec, video, onError: fail });
      file.write({ data: frameReader.sample(data), isKeyframe, time });
    };
  };

  /** Whether a packet in `rtpCodec` goes into this file: the file's codec is the first packet's. */
  const accepts = (rtpCodec: RtpCodec): boolean => {
    const packetCodec = recordedCodecOf(rtpCodec);
    if (!packetCodec || (packetCodec === 'OPUS') !== (options.kind === 'audio')) {
      fail(new Error(`an ${options.kind} track in ${rtpCodec.mimeType} cannot be recorded`));
      return false;
    }
    codec ??= packetCodec;
    frameReader ??= codec === 'VP8' ? vp8FrameReader() : codec === 'H264' ? h264FrameReader() : undefined;
    if (packetCodec === codec) return true;
    if (!codecSwitchReported)
      logger.warn(
        `the track recorded in ${options.file} switched from ${codec} to ${packetCodec}: not recorded`,
      );
    codecSwitchReported = true;
    return false;
  };

  /** The stream `rtp` belongs to: the current one, or a new one from a new SSRC. */
  const streamOf = (rtp: RtpPacket, recorded: RecordedCodec, clockRate: number): Stream => {
    const { ssrc } = rtp.header;
    if (stream?.ssrc === ssrc) return stream;
    stream?.frames.flush();
    const startMs = stream ? latest.time + Math.max(1, Math.round(performance.now() - latest.at)) : 0;
    stream = { ssrc, frames: rtpFrames({ codec: recorded, clockRate, startMs, onFrame: frameWriter() }) };
    return stream;
  };

  return {
    writeRtp(rtp, rtpCodec) {
      if (stopped || failure) return;
      try {
        if (accepts(rtpCodec) && codec) streamOf(rtp, codec, rtpCodec.clockRate).frames.push(rtp.clone());
      } catch (error) {
        fail(error);
      }
    },
    stop() {
      stopped = true;
      finishing ??= finish();
      return finishing;
    },
  };

  async function finish(): Promise<RecordedMedia | undefined> {
    try {
      stream?.frames.flush();
    } catch (error) {
      fail(error);
    }
    const written = await file?.finish();
    if (failure) throw failure.error;
    if (!written || !codec) return undefined;
    return { ...written, codec, ...(video ? { width: video.width, height: video.height } : {}) };
  }
}
