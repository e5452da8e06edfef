import { type Engine, TwilioError } from '@roomlab/core';
import type { MediaTarget } from '../media/media-links.js';
import type { MediaStorage, StoredMedia } from '../media/media-storage.js';
import { noMediaYet } from '../rest/media-redirect.js';

/** A completed recording's or composition's file, with the name Twilio's `/Media` gives it. */
export interface MediaFile extends StoredMedia {
  fileName: string;
}

/** The recording (RT) or composition (CJ) with this SID, in whichever account it is. */
function mediaNamed(engine: Engine, sid: string) {
  for (const account of engine.accounts()) {
    const recording = account.recordings.get(sid);
    if (recording)
      return {
        target: { accountSid: account.sid, kind: 'recording', sid } satisfies MediaTarget,
        status: recording.status,
        fileName: `${sid}.${recording.containerFormat}`,
      };
    const composition = account.compositions.get(sid);
    if (composition)
      return {
        target: { accountSid: account.sid, kind: 'composition', sid } satisfies MediaTarget,
        status: composition.status,
        fileName: `${sid}.${composition.format}`,
      };
  }
  throw new TwilioError(20404, `No recording or composition ${sid.slice(0, 64)} was found`);
}

/**
 * The media file of a recording or composition, for a player (`GET /_roomlab/media?Sid=`): 20404 when
 * there is no such SID, or (as the REST `/Media` route says) when it is not completed or its file is gone.
 */
export async function mediaFile(engine: Engine, storage: MediaStorage, sid: string): Promise<MediaFile> {
  const media = mediaNamed(engine, sid);
  const path = `/_roomlab/media?Sid=${sid.slice(0, 64)}`;
  if (media.status !== 'completed') throw noMediaYet(path, media.target, media.status);
  const stored = await storage.read(media.target);
  if (!stored) throw new TwilioError(20404, `The ${media.target.kind} ${sid} has no media any more`);
  return { ...stored, fileName: media.fileName };
}
