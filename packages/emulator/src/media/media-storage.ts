import { type Engine, type EngineEvent, type Logger, TwilioError } from '@roomlab/core';
import type { Sfu } from '../signaling/media/sfu.js';
import type { MediaTarget } from './media-links.js';

/** A finished media file, ready to stream to whoever follows its link. */
export interface StoredMedia {
  body: ReadableStream<Uint8Array>;
  size: number;
  contentType: string;
}

/**
 * Where recordings and compositions become files: it follows the engine's events, writes each
 * recorded track's media and each composition, reports back to the engine, and reads the files back
 * for their media links.
 */
export interface MediaStorage {
  /** The finished file of a recording or composition; undefined when it has none (yet, or any more). */
  read(target: MediaTarget): Promise<StoredMedia | undefined>;
  /** Stops following the engine, finishes what is being written, and lets go of the files. */
  close(): Promise<void>;
}

export interface MediaStorageContext {
  engine: Engine;
  /** The media server, when there is one: recorded tracks' RTP comes from it. */
  sfu: Sfu | undefined;
  logger: Logger;
}

export type MediaStorageFactory = (context: MediaStorageContext) => MediaStorage;

const noStorage = () =>
  new TwilioError(
    20503,
    'roomlab keeps no media files in this emulator (a browser page, or one made without `mediaStorage`): ' +
      'in Node, pass `mediaStorage: diskMediaStorage()` to createEmulator, or use the roomlab server',
  );

/**
 * The storage of an emulator that cannot write files (a browser page): recordings are still made and
 * follow the rules, but each one fails when its capture ends, saying why.
 */
export const noMediaStorage: MediaStorageFactory = ({ engine, logger }) => {
  const fail = (event: EngineEvent) => {
    if (event.name !== 'recording-stopped' || !event.recording) return;
    const ref = { accountSid: event.accountSid, recording: event.recording.sid };
    // After the event that caused it has reached every listener.
    queueMicrotask(() => {
      try {
        engine.finishRecording(ref, { failure: noStorage() });
      } catch (error) {
        logger.error(`could not mark recording ${ref.recording} failed`, error);
      }
    });
  };
  const stop = engine.subscribe(fail);
  return {
    read: async () => undefined,
    async close() {
      stop();
    },
  };
};
