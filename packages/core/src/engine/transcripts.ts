import { TwilioError } from '../errors.js';
import type { EngineContext } from './engine-context.js';
import { participantNotConnected } from './engine-errors.js';
import type { ParticipantRef } from './engine-refs.js';
import { participantSnapshot, trackSnapshot } from './event-snapshots.js';
import type { Transcript } from './events.js';
import { requireParticipant } from './lookup.js';
import type { ParticipantRecord, PublishedTrackRecord, RoomRecord } from './records.js';
import { languageTag, transcriptionDefaults } from './transcription-configuration.js';

/**
 * Transcripts: what a participant said, as the room's started transcription turns it into text. roomlab
 * hears no speech, so a test supplies the text (the control API); the engine checks that Twilio would
 * have produced it and tells connected clients (the `speech-transcribed` event).
 */

/** What was said, and how the transcription engine reports it. */
export interface SpokenText {
  transcription: string;
  /** The audio track it came from (MT SID or track name); default: the participant's first audio track. */
  track?: string;
  /** An interim result (only when the configuration's partialResults is true). */
  partialResults?: boolean;
  /** For an interim result: how likely it is to stay (0 to 1). */
  stability?: number;
  /** Default: the configuration's languageCode, else en-US. */
  languageCode?: string;
}

export const transcriptLimits = { maxLength: 4096 } as const;

const invalid = (reason: string) => new TwilioError(20001, `Invalid transcript: ${reason}`);

function startedTranscription(room: RoomRecord) {
  const started = [...room.transcriptions.values()].find(
    (transcription) => transcription.status === 'started',
  );
  if (!started)
    throw invalid(
      `room ${room.sid} has no started transcription (create one with POST /v1/Rooms/${room.sid}/Transcriptions, or start it)`,
    );
  return started;
}

/** The audio track the speech came from: heard only when it is published and not muted. */
function spokenOn(participant: ParticipantRecord, track: string | undefined): PublishedTrackRecord {
  const tracks = [...participant.publishedTracks.values()].filter((candidate) => candidate.kind === 'audio');
  const found =
    track === undefined
      ? tracks[0]
      : tracks.find((candidate) => candidate.sid === track || candidate.name === track);
  if (!found)
    throw invalid(
      track === undefined
        ? `participant ${participant.sid} publishes no audio track to transcribe`
        : `participant ${participant.sid} publishes no audio track "${track.slice(0, 64)}"`,
    );
  if (!found.enabled) throw invalid(`audio track ${found.sid} is muted: there is nothing to hear`);
  return found;
}

function checkText(spoken: SpokenText, partialResultsOn: boolean): void {
  if (spoken.transcription.trim() === '' || spoken.transcription.length > transcriptLimits.maxLength)
    throw invalid(`the text must have 1 to ${transcriptLimits.maxLength} characters`);
  if (spoken.partialResults && !partialResultsOn)
    throw invalid('partial results are off in the transcription configuration (partialResults)');
  if (
    spoken.stability !== undefined &&
    (!spoken.partialResults || !(spoken.stability >= 0 && spoken.stability <= 1))
  )
    throw invalid('stability is a number from 0 to 1, for partial results only');
  if (spoken.languageCode !== undefined && !languageTag.test(spoken.languageCode))
    throw invalid(`"${spoken.languageCode.slice(0, 64)}" is not a BCP-47 language code`);
}

export function transcribeSpeech(
  context: EngineContext,
  ref: ParticipantRef,
  spoken: SpokenText,
): Transcript {
  const { room, participant } = requireParticipant(context, ref);
  if (participant.status !== 'connected') throw participantNotConnected(room, participant.sid);
  const transcription = startedTranscription(room);
  const track = spokenOn(participant, spoken.track);
  const { configuration } = transcription;
  checkText(spoken, configuration.partialResults === 'true');
  const sequenceNumber = (transcription.sequenceNumbers[track.sid] ?? 0) + 1;
  transcription.sequenceNumbers[track.sid] = sequenceNumber;
  const transcript: Transcript = {
    ttid: transcription.ttid,
    participantSid: participant.sid,
    trackSid: track.sid,
    sequenceNumber,
    timestamp: context.clock.now(),
    partialResults: spoken.partialResults ?? false,
    stability: spoken.partialResults ? (spoken.stability ?? null) : null,
    languageCode: spoken.languageCode ?? configuration.languageCode ?? transcriptionDefaults.languageCode,
    transcription: spoken.transcription,
  };
  context.log.emit('speech-transcribed', room, {
    participant: participantSnapshot(participant),
    track: trackSnapshot(track),
    transcript,
  });
  return transcript;
}
