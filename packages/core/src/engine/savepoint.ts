import type { EngineContext } from './engine-context.js';
import type { AccountRecord } from './records.js';
import { rebuildDeadlines } from './timeouts.js';

/**
 * What exists now, so that whatever is added after it can be taken back: accounts, API keys, rooms,
 * recordings and compositions are kept by SID (not copied), and the event log by reference (its events
 * never change). It undoes additions only, which is all a seed makes; a full snapshot would cost a copy
 * of the whole state for every seed. (Ended rooms that retention dropped meanwhile stay dropped.)
 */
export interface Savepoint {
  /** Removes everything added since, and puts the event log back as it was (its sequence goes on). */
  rollback(): void;
}

interface AccountKeys {
  apiKeys: Set<string>;
  rooms: Set<string>;
  recordings: Set<string>;
  compositions: Set<string>;
}

const keysOf = (account: AccountRecord): AccountKeys => ({
  apiKeys: new Set(account.apiKeys.keys()),
  rooms: new Set(account.rooms.keys()),
  recordings: new Set(account.recordings.keys()),
  compositions: new Set(account.compositions.keys()),
});

const deleteAdded = <T>(map: Map<string, T>, kept: Set<string>, onDelete?: (key: string) => void) => {
  for (const key of map.keys()) {
    if (kept.has(key)) continue;
    map.delete(key);
    onDelete?.(key);
  }
};

function rollBackAccount(context: EngineContext, account: AccountRecord, kept: AccountKeys): void {
  deleteAdded(account.apiKeys, kept.apiKeys, (key) => context.apiKeys.delete(key));
  deleteAdded(account.rooms, kept.rooms);
  for (const [name, room] of account.inProgressRoomsByName)
    if (!kept.rooms.has(room.sid)) account.inProgressRoomsByName.delete(name);
  deleteAdded(account.recordings, kept.recordings);
  deleteAdded(account.compositions, kept.compositions);
}

export function savepoint(context: EngineContext): Savepoint {
  const accounts = new Map([...context.accounts.values()].map((account) => [account.sid, keysOf(account)]));
  const events = context.log.events();
  const sequence = context.log.sequence;
  return {
    rollback() {
      for (const account of [...context.accounts.values()]) {
        const kept = accounts.get(account.sid);
        if (kept) {
          rollBackAccount(context, account, kept);
          continue;
        }
        for (const key of account.apiKeys.keys()) context.apiKeys.delete(key);
        context.accounts.delete(account.sid);
      }
      context.log.replace(events, sequence);
      rebuildDeadlines(context);
    },
  };
}
