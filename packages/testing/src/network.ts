import { type Engine, TwilioError } from '@roomlab/core';
import type { Emulator, NetworkSettings, NetworkState, ScriptedParticipant } from '@roomlab/emulator';

/**
 * A participant's network under the test's control (roomlab's, not Twilio's): force the network
 * quality level it and the others see, and impair its media path (loss, latency, jitter, bandwidth)
 * in both directions, then clear it. The same as `POST`/`DELETE /_roomlab/network`.
 */
export interface NetworkControl {
  /** Forces the level and/or impairs the path, all or nothing (20001 naming a bad field). */
  network(settings: NetworkSettings): NetworkState;
  /** Stops forcing the level and clears the impairment. */
  clearNetwork(): NetworkState;
}

/** A scripted participant (see `join`) whose network the test controls. */
export type TestParticipant = ScriptedParticipant & NetworkControl;

/** The SID of the connected participant called `identity` in an account (in `room`, a name or SID). */
export function connectedSid(engine: Engine, accountSid: string, identity: string, room?: string): string {
  const rooms = [...(engine.getAccount(accountSid)?.rooms.values() ?? [])].filter(
    (record) => room === undefined || record.sid === room || record.uniqueName === room,
  );
  const found = rooms.flatMap((record) =>
    [...record.participants.values()].filter(
      (participant) => participant.identity === identity && participant.status === 'connected',
    ),
  );
  const [participant, another] = found;
  if (!participant)
    throw new TwilioError(
      20404,
      `No participant ${identity.slice(0, 64)} is connected${room ? ` in ${room}` : ''}`,
    );
  if (another)
    throw new TwilioError(
      20001,
      `Participant ${identity.slice(0, 64)} is in more than one room: name the room`,
    );
  return participant.sid;
}

/** The network controls for one participant, found by its SID when called. */
export function networkControl(emulator: Emulator, participantSid: () => string): NetworkControl {
  return {
    network: (settings) => emulator.control.setNetwork(participantSid(), settings),
    clearNetwork: () => emulator.control.clearNetwork(participantSid()),
  };
}
