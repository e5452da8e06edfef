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

export interface RecordingState {
  sid: string;
  status: string;
  trackSid: string;
  kind: 'audio' | 'video';
  duration: number | null;
  size: number | null;
}

export interface CompositionState {
  sid: string;
  status: string;
  duration: number | null;
  size: number | null;
}

/** Resolves once `done()` holds, checking after each engine event; rejects with `what` on timeout. */
function whenDone(emulator: Emulator, done: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      stop();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const stop = emulator.engine.subscribe(() => {
      if (!done()) return;
      finish();
      resolve();
    });
    if (done()) {
      finish();
      resolve();
    }
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
      return recordingsOf(room.sid).map(({ sid, status, trackSid, kind, duration, size }) => ({
        sid,
        status,
        trackSid,
        kind,
        duration,
        size,
      }));
    },
    async compositionFinished(compositionSid, { timeoutMs = 120_000 } = {}) {
      const ref = { accountSid, composition: compositionSid };
      const finished = () => !['enqueued', 'processing'].includes(emulator.engine.getComposition(ref).status);
      await whenDone(emulator, finished, `composition ${compositionSid} to finish`, timeoutMs);
      const { sid, status, duration, size } = emulator.engine.getComposition(ref);
      return { sid, status, duration, size };
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
