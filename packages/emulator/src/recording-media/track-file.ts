import {
  bytes,
  element,
  ID,
  number,
  string,
  type WEBMContainer,
  WebmBase,
  type WebmTrack,
} from 'werift/nonstandard';
import { matroskaFileWriter } from './matroska-file-writer.js';
import type { RecordedCodec } from './recorded-media.js';
import type { VideoHeader } from './video-frames.js';

/**
 * One track's Matroska file, written as frames come by werift's WebM writer (WebM is a Matroska
 * subset): an EBML header, a Segment with the track's header, clusters of SimpleBlocks, and cues at the
 * end. Its Duration runs from the first frame to the end of the last one (werift's own stops at the
 * last frame's start).
 *
 * werift's WebM writer is used as WebmBase, whose output comes synchronously: its WebmCallback puts each
 * piece behind a promise in a queue that takes longer per piece the longer it is (thousands of frames
 * written at once took minutes).
 */
export interface TrackFile {
  write(frame: TrackFileFrame): void;
  /** Writes the cues, duration and size and closes the file. Rejects with the first write that failed. */
  finish(): Promise<{ sizeBytes: number; durationMs: number }>;
}

export interface TrackFileFrame {
  data: Buffer;
  isKeyframe: boolean;
  /** ms, on any base: the file counts from its first frame. */
  time: number;
  /** How long the frame lasts, where the codec says (Opus); a video frame lasts until the next one. */
  lengthMs?: number;
}

export interface TrackFileOptions {
  file: string;
  codec: RecordedCodec;
  /** A video track's header: frame size, and CodecPrivate for H.264. */
  video?: VideoHeader;
  /** Told of the first write that fails, when it fails; finish() rejects with it too. */
  onError?(error: unknown): void;
}

const webmCodec = { OPUS: 'OPUS', VP8: 'VP8', H264: 'MPEG4/ISO/AVC' } as const;

export function openTrackFile(options: TrackFileOptions): TrackFile {
  const { video } = options;
  const track: WebmTrack = video
    ? { kind: 'video', codec: webmCodec[options.codec], clockRate: 90000, trackNumber: 1, ...video }
    : { kind: 'audio', codec: 'OPUS', clockRate: 48000, trackNumber: 1 };
  const writer = matroskaFileWriter(options.file, options.onError);
  // A Duration in the header from the start, for finish() to overwrite in place.
  const webm = new WebmWriter([track], writer.save, { duration: 0 });
  if (video?.codecPrivate) setCodecPrivate(webm, track, video.codecPrivate);
  webm.begin();
  const span = frameSpan();

  return {
    write(frame) {
      span.add(frame);
      const input = { frame: { data: frame.data, isKeyframe: frame.isKeyframe, time: frame.time } };
      if (video) webm.processVideoInput(input);
      else webm.processAudioInput(input);
    },
    async finish() {
      webm.stop();
      const durationMs = span.durationMs();
      return { sizeBytes: await writer.close(durationMs), durationMs };
    },
  };
}

/** werift's WebM writer, started once its track entries are final. */
class WebmWriter extends WebmBase {
  begin() {
    this.start();
  }
}

/** From the first frame's start to the last one's end, in whole ms. */
function frameSpan() {
  let first: number | undefined;
  let previous: number | undefined;
  let end = 0;
  return {
    add({ time, lengthMs }: TrackFileFrame) {
      first ??= time;
      end = Math.max(end, time + (lengthMs ?? time - (previous ?? time)));
      previous = time;
    },
    durationMs: () => Math.round(end - (first ?? end)),
  };
}

/**
 * Matroska's `V_MPEG4/ISO/AVC` takes the AVCDecoderConfigurationRecord as CodecPrivate, which werift's
 * track entry has no place for: its entry is replaced before the header is written (werift 0.24.4
 * keeps the entries on its WebM writer's `builder`).
 */
function setCodecPrivate(webm: WebmBase, track: WebmTrack, codecPrivate: Uint8Array) {
  const { builder } = webm as unknown as { builder?: WEBMContainer };
  if (!builder?.trackEntries) throw new Error('werift’s WebM writer has changed: no track entries to set');
  builder.trackEntries = [
    element(ID.TrackEntry, [
      element(ID.TrackNumber, number(track.trackNumber)),
      element(ID.TrackUID, number(track.trackNumber)),
      element(ID.CodecName, string(track.codec)),
      element(ID.TrackType, number(1)),
      element(ID.CodecID, string(`V_${track.codec}`)),
      element(ID.Video, [
        element(ID.PixelWidth, number(track.width ?? 0)),
        element(ID.PixelHeight, number(track.height ?? 0)),
      ]),
      element(ID.CodecPrivate, bytes(codecPrivate)),
    ]),
  ];
}
