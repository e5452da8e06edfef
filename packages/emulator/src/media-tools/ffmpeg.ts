import { consoleLogger, type Logger } from '@roomlab/core';
import { findOnPath, isExecutable } from './executable.js';

/** What a user does when no ffmpeg is found; failures quote it. */
export const ffmpegInstallHint =
  'install the optional dependency @ffmpeg-installer/ffmpeg or put ffmpeg on PATH';

/** ffmpeg renders compositions and test patterns; ffprobe reads media files (tests). */
export type MediaBinary = 'ffmpeg' | 'ffprobe';

const installerPackages: Record<MediaBinary, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};

export interface LocateFfmpegOptions {
  /** Use this ffmpeg and no other (undefined when it is not executable). */
  path?: string;
  /** The PATH to search after the installer package; default `process.env.PATH`. */
  searchPath?: string;
  /** Loads the installer package; tests replace it to act out its absence. */
  loadInstaller?: () => Promise<unknown>;
  logger?: Logger;
}

/**
 * Finds an ffmpeg to run: the caller's path if given, else the binary of the optional dependency
 * `@ffmpeg-installer/ffmpeg` (a static build with libx264, libvpx, libopus and aac), else `ffmpeg` on
 * PATH. Undefined when there is none.
 */
export function locateFfmpeg(options: LocateFfmpegOptions = {}): Promise<string | undefined> {
  return locateMediaBinary('ffmpeg', options);
}

/** As `locateFfmpeg`, for either binary (ffprobe's package is `@ffprobe-installer/ffprobe`). */
export async function locateMediaBinary(
  binary: MediaBinary,
  options: LocateFfmpegOptions = {},
): Promise<string | undefined> {
  if (options.path !== undefined) return (await isExecutable(options.path)) ? options.path : undefined;
  const logger = options.logger ?? consoleLogger;
  const name = installerPackages[binary];
  const installed = await installerBinary(name, options.loadInstaller ?? (() => import(name)), logger);
  if (installed !== undefined && (await isExecutable(installed))) return installed;
  return findOnPath(binary, options.searchPath ?? process.env.PATH ?? '');
}

async function installerBinary(
  installerPackage: string,
  load: () => Promise<unknown>,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const loaded = (await load()) as { default?: { path?: unknown }; path?: unknown };
    const path = loaded.default?.path ?? loaded.path;
    return typeof path === 'string' ? path : undefined;
  } catch (error) {
    // Absent is the expected case for an optional dependency; anything else is worth a word.
    if (!isModuleNotFound(error))
      logger.warn(`${installerPackage} could not be loaded; looking for ffmpeg on PATH`, error);
    return undefined;
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
