import { consoleLogger, type Logger } from '@roomlab/core';
import type { RecordedMedia } from './recording-media/recorded-media.js';
import type { TrackRecording, TrackRecordingOptions } from './recording-media/track-recording.js';
import type { Sfu, SfuOptions } from './signaling/media/sfu.js';

/**
 * The media stack (werift, the mediabunny it brings, the recording writers) is loaded here, on first
 * need, and nowhere else: an emulator used through REST alone never imports it (it is most of the
 * emulator's import time). The SFU loads when it is first called (a client joins signaling), a track
 * recording when its recording starts, a synthetic recording when one is written.
 */
let previous: Promise<unknown> = Promise.resolve();

/**
 * One load at a time: jest's ESM loader fails ("request for 'werift/nonstandard' is not in cache") on
 * concurrent imports that share modules. Each load's own caller is told if it fails; the next one
 * only waits for it to settle.
 */
const oneAtATime =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> => {
    const next = previous.then(load);
    previous = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

export const mediaModules = {
  sfu: oneAtATime(() => import('./signaling/media/sfu.js')),
  trackRecording: oneAtATime(() => import('./recording-media/track-recording.js')),
  syntheticRecording: oneAtATime(() => import('./recording-media/synthetic-recording.js')),
};

/**
 * Loads the media stack now, rather than on first need: for a caller about to use media that wants the
 * load behind it (a participant joining whose recording's length counts).
 */
export async function loadMediaStack(): Promise<void> {
  for (const load of Object.values(mediaModules)) await load();
}

export interface Deferred<T> {
  /**
   * Runs `use` with the loaded value: at once if it is loaded, else when it is, in the order asked (the
   * first call starts loading). If loading failed, `failed` runs instead, now and for every later
   * call: a module that would not load is not tried again for each call (an SFU's, a recording's RTP).
   */
  run(use: (value: T) => void, failed?: (error: unknown) => void): void;
  /** As `run`, but loads nothing: when loading never started, neither runs, and this answers false. */
  runIfStarted(use: (value: T) => void, failed?: (error: unknown) => void): boolean;
}

interface Waiting<T> {
  use: (value: T) => void;
  failed?: (error: unknown) => void;
}

/** A value loaded on first use; calls made while it loads wait for it, and are replayed in order. */
export function deferred<T>(options: { what: string; load: () => Promise<T>; logger: Logger }): Deferred<T> {
  const { what, logger } = options;
  let loaded: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  let waiting: Waiting<T>[] | undefined;

  const replay = (value: T) => {
    // Calls made while replaying are appended, and run in turn.
    for (const call of waiting ?? []) {
      try {
        call.use(value);
      } catch (error) {
        logger.error(`${what}: a call made while it loaded failed`, error);
      }
    }
    loaded = { value };
    waiting = undefined;
  };
  const fail = (error: unknown) => {
    logger.error(`${what} could not be loaded`, error);
    failure = { error };
    const calls = waiting ?? [];
    waiting = undefined;
    for (const call of calls) call.failed?.(error);
  };

  const runIfStarted: Deferred<T>['runIfStarted'] = (use, failed) => {
    if (loaded) use(loaded.value);
    else if (failure) failed?.(failure.error);
    else if (waiting) waiting.push({ use, failed });
    else return false;
    return true;
  };
  return {
    run(use, failed) {
      if (runIfStarted(use, failed)) return;
      waiting = [{ use, failed }];
      options.load().then(replay, fail);
    },
    runIfStarted,
  };
}

/** roomlab's SFU (see signaling/media/sfu.ts), whose werift loads when it is first called. */
export function createSfu(options: SfuOptions = {}): Sfu {
  const sfu = deferred({
    what: "roomlab's media server (werift)",
    load: async () => (await mediaModules.sfu()).createSfu(options),
    logger: options.logger ?? consoleLogger,
  });
  return {
    join: (...args) => sfu.run((loaded) => loaded.join(...args)),
    leave: (...args) => sfu.run((loaded) => loaded.leave(...args)),
    describe: (...args) => sfu.run((loaded) => loaded.describe(...args)),
    subscribe: (...args) => sfu.run((loaded) => loaded.subscribe(...args)),
    reallocate: (...args) => sfu.run((loaded) => loaded.reallocate(...args)),
    dominantSpeaker: (...args) => sfu.run((loaded) => loaded.dominantSpeaker(...args)),
    networkConditionsChanged: (...args) => sfu.run((loaded) => loaded.networkConditionsChanged(...args)),
    transcribed: (...args) => sfu.run((loaded) => loaded.transcribed(...args)),
    tapTrack(trackSid, tap) {
      let untap: (() => void) | undefined;
      let released = false;
      sfu.run((loaded) => {
        if (!released) untap = loaded.tapTrack(trackSid, tap);
      });
      return () => {
        released = true;
        untap?.();
      };
    },
    // An SFU never used is not loaded just to be closed.
    close: () => void sfu.runIfStarted((loaded) => loaded.close()),
  };
}

/** A track's recording (see recording-media/track-recording.ts): its writer loads as it starts. */
export function startTrackRecording(options: TrackRecordingOptions): TrackRecording {
  const recording = deferred({
    what: 'the recording writer',
    load: async () => (await mediaModules.trackRecording()).startTrackRecording(options),
    logger: options.logger,
  });
  // Loading starts with the recording, so its first RTP waits as little as can be.
  let writer: TrackRecording | undefined;
  recording.run((loaded) => {
    writer = loaded;
  });
  let stopped: Promise<RecordedMedia | undefined> | undefined;
  return {
    writeRtp(rtp, codec) {
      if (writer) return writer.writeRtp(rtp, codec);
      // A packet kept for later is copied now: werift may reuse what it handed over once the call returns.
      const kept = rtp.clone();
      recording.run((loaded) => loaded.writeRtp(kept, codec));
    },
    stop() {
      stopped ??= new Promise((resolve, reject) =>
        recording.run((loaded) => loaded.stop().then(resolve, reject), reject),
      );
      return stopped;
    },
  };
}
