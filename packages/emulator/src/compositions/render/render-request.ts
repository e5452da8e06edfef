import type { CompositionFormat } from './composition-format.js';
import type { Resolution } from './resolution.js';
import type { VideoLayout } from './video-layout.js';

/** One track recording a composition can draw from: its file and where it sits on the room's timeline. */
export interface CompositionSource {
  /** The recording's SID (RT...). */
  recordingSid: string;
  /** The recorded track's SID (MT...): `video_sources` and `AudioSources` may name it. */
  trackSid: string;
  trackName: string;
  /** The publishing participant's SID (PA...). */
  participantSid: string;
  kind: 'audio' | 'video';
  /** Absolute path of the recording (Matroska: .mka audio, .mkv video). */
  file: string;
  /** Its media was deleted (the file may still be going): a composition that selects it fails. */
  deleted?: boolean;
  /** When the recording started, in ms since the room started. */
  startMs: number;
  durationMs: number;
}

/** Everything needed to compose one file, with the composition's parameters already parsed. */
export interface RenderCompositionRequest {
  sources: readonly CompositionSource[];
  roomDurationMs: number;
  /** Parsed `VideoLayout`; undefined makes an audio-only composition. */
  videoLayout: VideoLayout | undefined;
  audioSources: readonly string[];
  audioSourcesExcluded: readonly string[];
  resolution: Resolution;
  format: CompositionFormat;
  trim: boolean;
  /** Where the composed file goes. Nothing is written there unless the render succeeds. */
  output: string;
  /** Whole percents, 0 to 100, as ffmpeg gets through the composition. */
  onProgress?: (percent: number) => void;
  /** Aborting kills ffmpeg and removes the partial file. */
  signal?: AbortSignal;
}

/** What Twilio's composition resource reports of its file: `duration` (s), `size` (bytes), `bitrate`. */
export interface RenderCompositionResult {
  durationMs: number;
  sizeBytes: number;
  bitrateKbps: number;
}
