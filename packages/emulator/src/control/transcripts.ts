import { type Engine, TwilioError, transcriptLimits } from '@roomlab/core';
import { z } from 'zod';
import { transcriptMessage } from '../signaling/room/transcripts.js';
import { accountOfRoom } from './account-of-room.js';

/**
 * roomlab's extension for what only Twilio's speech recognition could make: the text a participant
 * said. The room's started transcription delivers it to every client that asked for transcriptions,
 * exactly as Twilio would; the answer is the message they were sent.
 */
const transcriptSchema = z.strictObject({
  /** The room: its RM SID, or the unique name of an in-progress room (with AccountSid). */
  room: z.string().min(1).max(256),
  /** The speaker: PA SID, or identity while connected. */
  participant: z.string().min(1).max(256),
  transcription: z.string().max(transcriptLimits.maxLength),
  /** The audio track: MT SID or name; default the speaker's first audio track. */
  track: z.string().min(1).max(256).optional(),
  partialResults: z.boolean().optional(),
  stability: z.number().optional(),
  languageCode: z.string().max(64).optional(),
});

export function supplyTranscript(
  engine: Engine,
  input: unknown,
  accountSid?: string,
): Record<string, unknown> {
  const parsed = transcriptSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new TwilioError(20001, `Invalid transcript: ${problems.slice(0, 5).join('; ')}`);
  }
  const { room, participant, ...spoken } = parsed.data;
  const transcript = engine.transcribe(
    { accountSid: accountSid ?? accountOfRoom(engine, room), room, participant },
    spoken,
  );
  return transcriptMessage(transcript);
}
