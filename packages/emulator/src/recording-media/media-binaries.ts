import { locateMediaBinary, type MediaBinary } from '../media-tools/ffmpeg.js';

export type { MediaBinary };

/**
 * Where the ffmpeg and ffprobe binaries are, for recordings that need them (a test pattern for a video
 * track that sent nothing) and for tests that check the files: the `ROOMLAB_FFMPEG` / `ROOMLAB_FFPROBE`
 * environment variable when set, else as `locateMediaBinary` finds them (the npm installer packages,
 * then PATH). Undefined: none.
 */
export function findMediaBinary(binary: MediaBinary): Promise<string | undefined> {
  const variable = binary === 'ffmpeg' ? 'ROOMLAB_FFMPEG' : 'ROOMLAB_FFPROBE';
  return locateMediaBinary(binary, { path: process.env[variable] || undefined });
}
