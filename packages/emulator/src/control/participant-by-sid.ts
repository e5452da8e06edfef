import { type Engine, type ParticipantRef, TwilioError } from '@roomlab/core';

/** A participant by its PA SID alone, in whichever account and room it is (20404 when none). */
export function participantRefBySid(engine: Engine, participantSid: string): ParticipantRef {
  for (const account of engine.accounts())
    for (const room of account.rooms.values())
      if (room.participants.has(participantSid))
        return { accountSid: account.sid, room: room.sid, participant: participantSid };
  throw new TwilioError(20404, `Participant ${participantSid.slice(0, 64)} was not found`);
}
