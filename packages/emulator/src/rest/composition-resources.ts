import {
  type Composition,
  type CompositionHookRecord,
  type CompositionRecord,
  twilioDate,
} from '@roomlab/core';

/** A composition as Twilio's JSON. */

const date = (ms: number | null) => (ms === null ? null : twilioDate(ms));

/**
 * The fields a composition and a composition hook share (Twilio's media parameters and callback), in
 * the shape both resources give them.
 */
export function compositionFields(
  record: Pick<
    CompositionRecord | CompositionHookRecord,
    | 'audioSources'
    | 'audioSourcesExcluded'
    | 'videoLayout'
    | 'resolution'
    | 'trim'
    | 'format'
    | 'statusCallback'
    | 'statusCallbackMethod'
  >,
) {
  return {
    audio_sources: [...record.audioSources],
    audio_sources_excluded: [...record.audioSourcesExcluded],
    video_layout: structuredClone(record.videoLayout),
    resolution: record.resolution,
    trim: record.trim,
    format: record.format,
    status_callback: record.statusCallback,
    status_callback_method: record.statusCallbackMethod,
  };
}

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
    ...compositionFields(composition),
    // The spec gives bitrate and duration a default of 0 rather than null until the file exists.
    bitrate: composition.bitrate ?? 0,
    size: composition.size,
    duration: composition.duration ?? 0,
    // roomlab keeps every file itself: nothing is stored externally.
    media_external_location: null,
    url,
    links: { media: `${url}/Media` },
  };
}
