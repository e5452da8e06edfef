import { type Composition, type CompositionRecord, twilioDate } from '@roomlab/core';

/** A composition as Twilio's JSON. */

const date = (ms: number | null) => (ms === null ? null : twilioDate(ms));

export function compositionResource(composition: CompositionRecord, base: string): Composition {
  const url = `${base}/v1/Compositions/${composition.sid}`;
  return {
    account_sid: composition.accountSid,
    status: composition.status,
    date_created: twilioDate(composition.dateCreated),
    date_completed: date(composition.dateCompleted),
    date_deleted: date(composition.dateDeleted),
    sid: composition.sid,
    room_sid: composition.roomSid,
    audio_sources: [...composition.audioSources],
    audio_sources_excluded: [...composition.audioSourcesExcluded],
    video_layout: structuredClone(composition.videoLayout),
    resolution: composition.resolution,
    trim: composition.trim,
    format: composition.format,
    // The spec gives bitrate and duration a default of 0 rather than null until the file exists.
    bitrate: composition.bitrate ?? 0,
    size: composition.size,
    duration: composition.duration ?? 0,
    // roomlab keeps every file itself: nothing is stored externally.
    media_external_location: null,
    status_callback: composition.statusCallback,
    status_callback_method: composition.statusCallbackMethod,
    url,
    links: { media: `${url}/Media` },
  };
}
