import type { EngineEvent, Transcript } from '@roomlab/core';
import type { Sfu } from '../media/sfu.js';

/**
 * Transcripts reach clients as Twilio's media server sends them: an `extension_transcriptions`
 * message on the media-signaling channel of that name, which the SDK (2.32.0 on, with
 * `receiveTranscriptions: true`) emits as the room's `transcription` event. Every participant in the
 * room who asked gets it, the speaker too.
 */

/** Twilio's timestamps carry nanoseconds: `2025-01-01T12:00:00.000000000Z`. */
const nanosecondTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

/** The message as Twilio's documentation and the SDK's own tests shape it (version 1.0). */
export function transcriptMessage(transcript: Transcript): Record<string, unknown> {
  return {
    type: 'extension_transcriptions',
    version: '1.0',
    participant: transcript.participantSid,
    track: transcript.trackSid,
    sequence_number: transcript.sequenceNumber,
    timestamp: nanosecondTime(transcript.timestamp),
    partial_results: transcript.partialResults,
    // Twilio gives stability with partial results only.
    ...(transcript.stability === null ? {} : { stability: transcript.stability }),
    language_code: transcript.languageCode,
    transcription: transcript.transcription,
  };
}

/** Delivers each transcript the engine reports; without a media server there is no channel to use. */
export function transcriptDelivery(sfu: Sfu | undefined) {
  return (event: EngineEvent) => {
    if (sfu && event.transcript) sfu.transcribed(event.room.sid, transcriptMessage(event.transcript));
  };
}
