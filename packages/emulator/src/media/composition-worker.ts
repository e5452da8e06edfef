import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type CompositionSnapshot,
  type Engine,
  type EngineEvent,
  type Logger,
  type RecordingRecord,
  TwilioError,
} from '@roomlab/core';
import type { CompositionRenderer } from '../compositions/render/render-composition.js';
import type { CompositionSource, RenderCompositionRequest } from '../compositions/render/render-request.js';
import { parseResolution } from '../compositions/render/resolution.js';
import { parseVideoLayout } from '../compositions/render/video-layout.js';
import type { MediaFiles } from './media-files.js';

export interface CompositionWorker {
  /** Cancels what is rendering and waits for it to stop. */
  close(): Promise<void>;
}

/** Twilio reports progress about every 10%. */
const progressStep = 10;

/**
 * Renders each composition the engine enqueues, with the renderer (ffmpeg, a few at a time), and
 * reports its start, progress, and outcome back. Deleting a composition cancels its render or removes
 * its file.
 */
/**
 * Where a recording's file sits on the room's timeline: it ends where its capture ended, and starts its
 * own length before that (media arrives a little after capture starts), never before the capture.
 */
function placement(recording: RecordingRecord, roomStart: number): { startMs: number; durationMs: number } {
  const end = recording.captureEndedAt ?? recording.dateCreated;
  const durationMs = recording.mediaDurationMs ?? end - recording.dateCreated;
  return { startMs: Math.max(recording.dateCreated, end - durationMs) - roomStart, durationMs };
}

export function compositionWorker(deps: {
  engine: Engine;
  logger: Logger;
  files: MediaFiles;
  renderer: CompositionRenderer;
}): CompositionWorker {
  const { engine, logger, files } = deps;
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  const sourceOf = (recording: RecordingRecord, roomStart: number): CompositionSource => ({
    recordingSid: recording.sid,
    trackSid: recording.trackSid,
    trackName: recording.trackName,
    participantSid: recording.participantSid,
    kind: recording.kind,
    file: files.recordingFile(recording),
    deleted: recording.status === 'deleted',
    ...placement(recording, roomStart),
  });

  const requestOf = (composition: CompositionSnapshot, signal: AbortSignal): RenderCompositionRequest => {
    const room = engine.getRoom({ accountSid: composition.accountSid, room: composition.roomSid });
    const roomStart = room.dateCreated;
    const recordings = engine
      .compositionSources({ accountSid: composition.accountSid, room: room.sid })
      // A deleted recording stays a source: a composition that needs it fails with 53628, as on Twilio.
      .filter((recording) => recording.status !== 'processing');
    const resolution = parseResolution(composition.resolution);
    const hasLayout = Object.keys(composition.videoLayout).length > 0;
    let reported = 0;
    const ref = { accountSid: composition.accountSid, composition: composition.sid };
    const started = Date.now();
    return {
      sources: recordings.map((recording) => sourceOf(recording, roomStart)),
      roomDurationMs: (room.endTime ?? room.dateUpdated) - roomStart,
      videoLayout: hasLayout ? parseVideoLayout(composition.videoLayout, resolution) : undefined,
      audioSources: composition.audioSources,
      audioSourcesExcluded: composition.audioSourcesExcluded,
      resolution,
      format: composition.format,
      trim: composition.trim,
      output: files.compositionFile(composition),
      signal,
      onProgress(percent) {
        if (percent < reported + progressStep || percent >= 100) return;
        reported = percent - (percent % progressStep);
        const elapsed = (Date.now() - started) / 1000;
        const secondsRemaining = (elapsed / percent) * (100 - percent);
        engine.reportCompositionProgress(ref, { percent: reported, secondsRemaining });
      },
    };
  };

  const render = async (composition: CompositionSnapshot, abort: AbortController) => {
    const ref = { accountSid: composition.accountSid, composition: composition.sid };
    engine.startComposition(ref);
    const request = requestOf(composition, abort.signal);
    await mkdir(dirname(request.output), { recursive: true });
    try {
      const media = await deps.renderer.render(request);
      if (abort.signal.aborted) return;
      engine.finishComposition(ref, { media });
    } catch (error) {
      if (abort.signal.aborted) return;
      const reason =
        error instanceof TwilioError
          ? error
          : new TwilioError(53626, `Internal failure while processing media composition: ${String(error)}`);
      engine.finishComposition(ref, { failure: reason });
    }
  };

  const start = (composition: CompositionSnapshot) => {
    const abort = new AbortController();
    const done = render(composition, abort)
      .catch((error: unknown) => logger.error(`composition ${composition.sid} could not be rendered`, error))
      .finally(() => running.delete(composition.sid));
    running.set(composition.sid, { abort, done });
  };

  const deleted = (composition: CompositionSnapshot) => {
    const run = running.get(composition.sid);
    if (run) run.abort.abort(new Error(`composition ${composition.sid} was deleted`));
    else
      files
        .remove(files.compositionFile(composition))
        .catch((error: unknown) =>
          logger.error(`the media of deleted composition ${composition.sid} could not be removed`, error),
        );
  };

  const recordingsBeingWritten = (composition: CompositionSnapshot) =>
    engine
      .compositionSources({ accountSid: composition.accountSid, room: composition.roomSid })
      .some((recording) => recording.status === 'processing');
  /**
   * Starts every enqueued composition whose room's recordings are all written (one made right after its
   * room ended waits for them): the engine's state says which, nothing is kept here.
   */
  const startReady = () => {
    for (const account of engine.accounts()) {
      for (const composition of engine.listCompositions(
        { accountSid: account.sid },
        { status: 'enqueued' },
      )) {
        if (!running.has(composition.sid) && !recordingsBeingWritten(composition)) start(composition);
      }
    }
  };

  const stop = engine.subscribe((event: EngineEvent) => {
    // After the event has reached every listener: rendering reports back to the engine.
    if (['recording-completed', 'recording-failed', 'composition-enqueued'].includes(event.name))
      queueMicrotask(startReady);
    else if (event.name === 'composition-deleted' && event.composition) deleted(event.composition);
  });

  return {
    async close() {
      stop();
      for (const run of running.values()) run.abort.abort(new Error('the emulator is closing'));
      await Promise.allSettled([...running.values()].map((run) => run.done));
    },
  };
}
