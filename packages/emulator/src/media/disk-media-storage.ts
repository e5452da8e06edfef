import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompositionRenderer } from '../compositions/render/render-composition.js';
import { compositionWorker } from './composition-worker.js';
import { contentTypes, mediaFiles } from './media-files.js';
import type { MediaStorage, MediaStorageFactory } from './media-storage.js';
import { recordingWriter } from './recording-writer.js';

export interface DiskMediaStorageOptions {
  /**
   * Where recordings and compositions are written (kept after the emulator closes). By default a fresh
   * temporary directory, removed when the emulator's media storage closes.
   */
  dataDir?: string;
  /** The ffmpeg compositions (and test patterns) are made with; by default found as `locateFfmpeg` says. */
  ffmpegPath?: string;
  /** How many compositions render at once (default 1). */
  compositionConcurrency?: number;
}

/**
 * Media storage on disk, for an emulator in Node: recordings are written as their tracks are captured,
 * compositions rendered with ffmpeg, and both read back for their media links. Memory never holds media.
 */
export function diskMediaStorage(options: DiskMediaStorageOptions = {}): MediaStorageFactory {
  return ({ engine, sfu, logger }) => {
    const temporary = options.dataDir === undefined;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'roomlab-media-'));
    const files = mediaFiles(dataDir);
    const writer = recordingWriter({ engine, sfu, logger, files });
    const renderer = createCompositionRenderer({
      ffmpegPath: options.ffmpegPath,
      concurrency: options.compositionConcurrency,
      logger,
    });
    const compositions = compositionWorker({ engine, logger, files, renderer });
    const storage: MediaStorage = {
      async read(target) {
        const ref = { accountSid: target.accountSid };
        if (target.kind === 'recording') {
          const recording = engine.getRecording({ ...ref, recording: target.sid });
          if (recording.status !== 'completed') return undefined;
          return files.read(files.recordingFile(recording), contentTypes[recording.containerFormat]);
        }
        const composition = engine.getComposition({ ...ref, composition: target.sid });
        if (composition.status !== 'completed') return undefined;
        return files.read(files.compositionFile(composition), contentTypes[composition.format]);
      },
      async close() {
        await writer.close();
        await compositions.close();
        if (temporary) await rm(dataDir, { recursive: true, force: true });
      },
    };
    return storage;
  };
}
