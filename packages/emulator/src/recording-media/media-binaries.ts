import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * Where the ffmpeg and ffprobe binaries are, for recordings that need them (a test pattern for a video
 * track that sent nothing) and for tests that check the files. In order: the `ROOMLAB_FFMPEG` /
 * `ROOMLAB_FFPROBE` environment variable, the npm packages `@ffmpeg-installer/ffmpeg` /
 * `@ffprobe-installer/ffprobe` (static builds), then `ffmpeg` / `ffprobe` on PATH. Undefined: none.
 *
 * Kept in this one file so that the emulator's shared locator can take its place.
 */
export type MediaBinary = 'ffmpeg' | 'ffprobe';

const sources: Record<MediaBinary, { variable: string; npmPackage: string }> = {
  ffmpeg: { variable: 'ROOMLAB_FFMPEG', npmPackage: '@ffmpeg-installer/ffmpeg' },
  ffprobe: { variable: 'ROOMLAB_FFPROBE', npmPackage: '@ffprobe-installer/ffprobe' },
};

export async function findMediaBinary(binary: MediaBinary): Promise<string | undefined> {
  const { variable, npmPackage } = sources[binary];
  const candidates = [process.env[variable], await pathFromPackage(npmPackage), ...onPath(binary)];
  for (const candidate of candidates) if (candidate && (await isExecutable(candidate))) return candidate;
  return undefined;
}

/** The binary's path as the installer package gives it, if the package is installed. */
async function pathFromPackage(name: string): Promise<string | undefined> {
  try {
    const installer = (await import(name)) as { path?: unknown; default?: { path?: unknown } };
    const path = installer.path ?? installer.default?.path;
    return typeof path === 'string' ? path : undefined;
  } catch (error) {
    // Not installed is the expected case (the packages are optional); anything else is not.
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function onPath(binary: MediaBinary): string[] {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, binary));
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
