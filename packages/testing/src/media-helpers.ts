import type { Emulator } from '@roomlab/emulator';

/** What a test reads of a recording's or a composition's file. */
export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface MediaHelpers {
  /**
   * Waits until every recording of the room is finished (none still `processing`) and gives their
   * final states: after a room completes, its files take a moment to be written.
   */
  roomRecordingsFinished(roomSid: string, options?: { timeoutMs?: number }): Promise<RecordingState[]>;
  /** Waits until the composition is `completed`, `failed` or `deleted`, and gives that state. */
  compositionFinished(compositionSid: string, options?: { timeoutMs?: number }): Promise<CompositionState>;
  /** Downloads a recording's (`RT…`) or composition's (`CJ…`) media, as an app does: `/Media`, then its link. */
  readMedia(sid: string): Promise<MediaFile>;
}

/** A recording as a test checks it, in the words of the `twilio` client's RecordingInstance. */
export interface RecordingState {
  sid: string;
  status: string;
  /** The recorded track's `MT` SID. */
  sourceSid: string;
  trackName: string;
  type: 'audio' | 'video';
  codec: string;
  containerFormat: 'mka' | 'mkv';
  /** Whole seconds. */
  duration: number | null;
  /** The file's bytes. */
  size: number | null;
}

export interface CompositionState {
  sid: string;
  status: string;
  format: 'mp4' | 'webm';
  duration: number | null;
  size: number | null;
}

/**
 * Resolves once `done()` holds, checking now and after each engine event; rejects with what `done()`
 * throws (an unknown SID), or on timeout. Either way the timer and the subscription end with it.
 */
function whenDone(emulator: Emulator, done: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      stop();
      outcome();
    };
    const check = () => {
      try {
        if (done()) settle(resolve);
      } catch (error) {
        settle(() => reject(error));
      }
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const stop = emulator.engine.subscribe(check);
    check();
  });
}

export function mediaHelpers(options: {
  emulator: Emulator;
  accountSid: string;
  /** The REST base URL (`https://video.twilio.com` in process) and the account's Basic credentials. */
  url: string;
  authorization: string;
}): MediaHelpers {
  const { emulator, accountSid } = options;
  const recordingsOf = (roomSid: string) => emulator.engine.listRecordings({ accountSid }, { roomSid });
  return {
    async roomRecordingsFinished(roomSid, { timeoutMs = 30_000 } = {}) {
      const room = emulator.engine.getRoom({ accountSid, room: roomSid });
      const finished = () => recordingsOf(room.sid).every((recording) => recording.status !== 'processing');
      await whenDone(emulator, finished, `the recordings of room ${room.sid} to finish`, timeoutMs);
      return recordingsOf(room.sid).map((recording) => ({
        sid: recording.sid,
        status: recording.status,
        sourceSid: recording.trackSid,
        trackName: recording.trackName,
        type: recording.kind,
        codec: recording.codec,
        containerFormat: recording.containerFormat,
        duration: recording.duration,
        size: recording.size,
      }));
    },
    async compositionFinished(compositionSid, { timeoutMs = 120_000 } = {}) {
      const ref = { accountSid, composition: compositionSid };
      const finished = () => !['enqueued', 'processing'].includes(emulator.engine.getComposition(ref).status);
      await whenDone(emulator, finished, `composition ${compositionSid} to finish`, timeoutMs);
      const { sid, status, format, duration, size } = emulator.engine.getComposition(ref);
      return { sid, status, format, duration, size };
    },
    async readMedia(sid) {
      const path = sid.startsWith('CJ') ? `/v1/Compositions/${sid}/Media` : `/v1/Recordings/${sid}/Media`;
      // fetch follows the 302 to the emulator's expiring link.
      const response = await fetch(options.url + path, { headers: { authorization: options.authorization } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: response.headers.get('content-type') ?? '',
      };
    },
  };
}
