import type { Clock } from '../clock.js';
import type { SidSource } from '../sid.js';
import type { DeadlineQueue } from './deadlines.js';
import type { EventLog } from './event-log.js';
import type { AccountRecord, ApiKeyRecord } from './records.js';
import type { RoomRetention } from './retention.js';

/** What may time out: a room (unused or empty) or a participant (MaxParticipantDuration). */
export type DeadlineSubject =
  | { kind: 'room'; accountSid: string; roomSid: string }
  | { kind: 'participant'; accountSid: string; roomSid: string; participantSid: string };

/**
 * The engine's one state, shared by its modules (accounts, rooms, participants, tracks, rules,
 * timeouts, snapshots). Only those modules change it.
 */
export interface EngineContext {
  readonly clock: Clock;
  readonly newSid: SidSource;
  readonly provisionAccountsOnFirstUse: boolean;
  readonly accounts: Map<string, AccountRecord>;
  /** Every account's API keys by SID, for authentication and token verification. */
  readonly apiKeys: Map<string, ApiKeyRecord>;
  readonly deadlines: DeadlineQueue<DeadlineSubject>;
  readonly log: EventLog;
  /** How many ended rooms each account keeps; the control API may change it. */
  retention: RoomRetention;
}
