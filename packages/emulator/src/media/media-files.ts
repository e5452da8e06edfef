import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CompositionRecord, RecordingRecord } from '@roomlab/core';
import type { StoredMedia } from './media-storage.js';

/**
 * Where media files live in the data directory, by account and SID (so a saved state finds its files
 * again): `<dataDir>/<AC…>/recordings/<RT…>.mka|mkv` and `<dataDir>/<AC…>/compositions/<CJ…>.mp4|webm`.
 */
export interface MediaFiles {
  readonly dataDir: string;
  recordingFile(recording: Pick<RecordingRecord, 'accountSid' | 'sid' | 'containerFormat'>): string;
  compositionFile(composition: Pick<CompositionRecord, 'accountSid' | 'sid' | 'format'>): string;
  /** A file to stream; undefined when it is not there. */
  read(file: string, contentType: string): Promise<StoredMedia | undefined>;
  remove(file: string): Promise<void>;
}

export const contentTypes = {
  mka: 'audio/x-matroska',
  mkv: 'video/x-matroska',
  mp4: 'video/mp4',
  webm: 'video/webm',
} as const;

export function mediaFiles(dataDir: string): MediaFiles {
  return {
    dataDir,
    recordingFile: (recording) =>
      join(dataDir, recording.accountSid, 'recordings', `${recording.sid}.${recording.containerFormat}`),
    compositionFile: (composition) =>
      join(dataDir, composition.accountSid, 'compositions', `${composition.sid}.${composition.format}`),
    async read(file, contentType) {
      const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (!found?.isFile()) return undefined;
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { body, size: found.size, contentType };
    },
    remove: (file) => rm(file, { force: true }),
  };
}
