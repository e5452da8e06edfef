import type { EngineContext } from './engine-context.js';
import type { ParticipantRef } from './engine-refs.js';
import { requireParticipantBySid } from './lookup.js';
import type { DetectedCodec, ParticipantRecord } from './records.js';

/**
 * The media server saw a participant's media arrive in `codec`. Each codec is kept once, in the order
 * first seen, for Video Insights' `codecs`; a participant that has left may still report its last packets.
 */
export function reportCodec(
  context: EngineContext,
  ref: ParticipantRef,
  codec: DetectedCodec,
): ParticipantRecord {
  const { participant } = requireParticipantBySid(context, ref);
  if (!participant.codecs?.includes(codec)) participant.codecs = [...(participant.codecs ?? []), codec];
  return participant;
}
