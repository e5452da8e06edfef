import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';

/** The ffprobe of the dev dependency @ffprobe-installer/ffprobe. */
export const ffprobePath: string = ffprobeInstaller.path;

export interface ProbedStream {
  codecType: 'video' | 'audio' | string;
  codecName: string;
  width?: number;
  height?: number;
  /** Frames in the stream: from the container when it says, else counted (with `countFrames`). */
  frameCount?: number;
}

export interface ProbedMedia {
  /** ffprobe's format name, e.g. `matroska,webm` or `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  durationS: number;
  /** The file's bytes, as ffprobe reads them. */
  sizeBytes: number;
  streams: ProbedStream[];
}

interface FfprobeJson {
  format: { format_name: string; duration?: string; size?: string };
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    nb_frames?: string;
    nb_read_frames?: string;
  }[];
}

/** What ffprobe reads in a media file. `countFrames` decodes it to count frames (short files only). */
export async function probeMedia(
  file: string,
  options: { countFrames?: boolean } = {},
): Promise<ProbedMedia> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  if (options.countFrames) args.push('-count_frames');
  const { stdout } = await promisify(execFile)(ffprobePath, [...args, file], { maxBuffer: 16 * 1024 * 1024 });
  const json = JSON.parse(stdout) as FfprobeJson;
  return {
    formatName: json.format.format_name,
    durationS: Number(json.format.duration ?? Number.NaN),
    sizeBytes: Number(json.format.size ?? Number.NaN),
    streams: json.streams.map((stream) => {
      const frames = stream.nb_read_frames ?? stream.nb_frames;
      return {
        codecType: stream.codec_type,
        codecName: stream.codec_name,
        ...(stream.width === undefined ? {} : { width: stream.width, height: stream.height }),
        ...(frames === undefined ? {} : { frameCount: Number(frames) }),
      };
    }),
  };
}
