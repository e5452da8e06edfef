import { manualClock } from '../clock.js';
import { createEngine } from '../engine/engine.js';
import type { EngineOptions } from '../engine/engine-api.js';
import type { EngineEvent } from '../engine/events.js';
import { isTwilioError } from '../errors.js';
import { seededSidSource } from '../sid.js';

/** An engine on a manual clock with seeded SIDs and one account, recording every event it emits. */
export function engineFixture(options: Partial<EngineOptions> = {}) {
  const clock = manualClock();
  const engine = createEngine({ clock, sids: seededSidSource('engine-tests'), ...options });
  const account = engine.addAccount({ apiKeys: [{}] });
  const seen: EngineEvent[] = [];
  engine.subscribe((event) => seen.push(event));
  const names = () => seen.map((event) => event.name);
  return { clock, engine, account, accountSid: account.sid, seen, names };
}

/** The Twilio error code a call throws (fails the test when it throws something else or nothing). */
export function codeOf(call: () => unknown): number {
  try {
    call();
  } catch (error) {
    if (isTwilioError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a TwilioError, but the call succeeded');
}

/** An engine fixture with one room and one participant connected to it, and that participant's ref. */
export function fixtureWithParticipant(identity = 'alice') {
  const fixture = engineFixture();
  const { engine, accountSid } = fixture;
  const room = engine.createRoom({ accountSid }, { uniqueName: 'fixture' });
  const participant = engine.connectParticipant({ accountSid, room: room.sid }, { identity });
  return { ...fixture, room, participant, ref: { accountSid, room: room.sid, participant: participant.sid } };
}
