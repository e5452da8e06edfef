import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type Engine,
  type EngineEvent,
  type Logger,
  type RecordingSnapshot,
  TwilioError,
} from '@roomlab/core';
import { createRenderQueue } from '../compositions/render/render-queue.js';
import { mediaModules, startTrackRecording } from '../lazy-media.js';
import type { RecordedMedia } from '../recording-media/recorded-media.js';
import type { TrackRecording } from '../recording-media/track-recording.js';
import type { Sfu } from '../signaling/media/sfu.js';
import type { MediaFiles } from './media-files.js';

interface Capture {
  recording: TrackRecording;
  untap(): void;
}

export interface RecordingWriter {
  /** Finishes every recording still being written. */
  close(): Promise<void>;
}

/**
 * Writes each recording's file as the engine starts and stops it: the track's RTP from the SFU while it
 * is captured; for a track that sent none (a participant scripted from Node), silence or a test pattern
 * of the captured length. When the file is done the engine hears of it (completed, or failed with why),
 * and a deleted recording's file is removed.
 */
export function recordingWriter(deps: {
  engine: Engine;
  sfu: Sfu | undefined;
  logger: Logger;
  files: MediaFiles;
}) {
  const { engine, logger, files } = deps;
  const captures = new Map<string, Capture>();
  const finishing = new Set<Promise<void>>();
  // A test pattern takes an ffmpeg process: a room of scripted participants ending makes a few at a time.
  const synthetic = createRenderQueue(2);

  const start = (recording: RecordingSnapshot) => {
    const file = files.recordingFile(recording);
    makeDirectoryOf(file);
    const trackRecording = startTrackRecording({ kind: recording.kind, file, logger });
    const untap = deps.sfu?.tapTrack(recording.trackSid, (rtp, codec) => trackRecording.writeRtp(rtp, codec));
    captures.set(recording.sid, { recording: trackRecording, untap: untap ?? (() => undefined) });
  };

  /**
   * The file opens at the track's first frame, which may come in the next moment: its directory (empty
   * in a fresh data directory) is made now. If it cannot be, opening fails and the recording with it.
   */
  const makeDirectoryOf = (file: string) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      logger.error(`the directory for ${file} could not be made`, error);
    }
  };

  const mediaOf = async (
    recording: RecordingSnapshot,
    capture: Capture | undefined,
  ): Promise<RecordedMedia> => {
    const file = files.recordingFile(recording);
    await mkdir(dirname(file), { recursive: true });
    const written = await capture?.recording.stop();
    if (written) return written;
    const durationMs = Math.max(
      1,
      (recording.captureEndedAt ?? recording.dateCreated) - recording.dateCreated,
    );
    const { writeSyntheticRecording } = await mediaModules.syntheticRecording();
    return synthetic.run(() => writeSyntheticRecording({ kind: recording.kind, file, durationMs }));
  };

  const finish = (recording: RecordingSnapshot) => {
    const capture = captures.get(recording.sid);
    captures.delete(recording.sid);
    capture?.untap();
    const ref = { accountSid: recording.accountSid, recording: recording.sid };
    const done = mediaOf(recording, capture)
      .then(
        (media) => {
          engine.finishRecording(ref, { media });
        },
        (error: unknown) => {
          logger.warn(`recording ${recording.sid} could not be written`, error);
          const reason =
            error instanceof TwilioError
              ? error
              : new TwilioError(20500, `writing the recording failed: ${String(error)}`);
          engine.finishRecording(ref, { failure: reason });
        },
      )
      .catch((error: unknown) => logger.error(`recording ${recording.sid} could not be finished`, error))
      .finally(() => finishing.delete(done));
    finishing.add(done);
  };

  const remove = (recording: RecordingSnapshot) => {
    files
      .remove(files.recordingFile(recording))
      .catch((error: unknown) =>
        logger.error(`the media of deleted recording ${recording.sid} could not be removed`, error),
      );
  };

  const stop = engine.subscribe((event: EngineEvent) => {
    if (!event.recording) return;
    if (event.name === 'recording-started') start(event.recording);
    else if (event.name === 'recording-stopped') finish(event.recording);
    else if (event.name === 'recording-deleted') remove(event.recording);
  });

  return {
    async close() {
      stop();
      for (const capture of captures.values()) capture.untap();
      await Promise.allSettled([...finishing]);
    },
  } satisfies RecordingWriter;
}
