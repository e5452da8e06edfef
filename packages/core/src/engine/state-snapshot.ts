import { TwilioError } from '../errors.js';
import { isSid } from '../sid.js';
import type { EngineContext } from './engine-context.js';
import type { AccountState, EngineState, RoomState } from './engine-state.js';
import { requireAccount } from './lookup.js';
import { defaultMediaSettings } from './media-settings.js';
import type { AccountRecord, PublishedTrackRecord, RecordingRecord, RoomRecord } from './records.js';
import { subscribedTracksOf } from './subscribed-tracks.js';
import { rebuildDeadlines } from './timeouts.js';
import { checkPriority } from './track-priority.js';

/** The engine's state as plain JSON, and back: save, restore, and clear an account's rooms. */

const copy = <T>(value: T): T => structuredClone(value);

function accountState(account: AccountRecord): AccountState {
  return {
    sid: account.sid,
    authToken: account.authToken,
    friendlyName: account.friendlyName,
    dateCreated: account.dateCreated,
    apiKeys: [...account.apiKeys.values()].map(copy),
    mediaSettings: copy(account.mediaSettings),
    compositionHooks: [...account.compositionHooks.values()].map(copy),
    bandwidthProfiles: [...account.bandwidthProfiles.values()].map(copy),
    rooms: [...account.rooms.values()].map(({ participants, transcriptions, ...room }) => ({
      ...copy(room),
      transcriptions: [...transcriptions.values()].map(copy),
      participants: [...participants.values()].map((record) => {
        const { publishedTracks, subscribedTracks, ...participant } = record;
        return {
          ...copy(participant),
          publishedTracks: [...publishedTracks.values()].map(copy),
          subscribedTracks: subscribedTracksOf({ participants }, record).map(
            ({ subscription }) => subscription,
          ),
        };
      }),
    })),
    recordings: [...account.recordings.values()].map(copy),
    compositions: [...account.compositions.values()].map(copy),
  };
}

export function snapshot(context: EngineContext, accountSid?: string): EngineState {
  const chosen =
    accountSid === undefined ? [...context.accounts.values()] : [requireAccount(context, { accountSid })];
  return {
    format: 'roomlab-engine-state',
    version: 1,
    takenAt: context.clock.now(),
    sequence: context.log.sequence,
    accounts: chosen.map(accountState),
    events: context.log
      .events()
      .filter((event) => accountSid === undefined || event.accountSid === accountSid)
      .map(copy),
  };
}

/** Snapshots taken before roomlab kept priorities have none: their tracks were all `standard`. */
function publishedTrack(track: PublishedTrackRecord): PublishedTrackRecord {
  return { ...copy(track), priority: checkPriority(track.priority ?? 'standard') };
}

function roomRecord({ participants, transcriptions = [], ...room }: RoomState): RoomRecord {
  if (!isSid(room.sid, 'RM')) throw new Error('bad room');
  return {
    ...copy(room),
    transcriptions: new Map(transcriptions.map((transcription) => [transcription.ttid, copy(transcription)])),
    participants: new Map(
      participants.map(({ publishedTracks, subscribedTracks, ...participant }) => [
        participant.sid,
        {
          ...copy(participant),
          publishedTracks: new Map(publishedTracks.map((track) => [track.sid, publishedTrack(track)])),
          subscribedTracks: new Map(
            subscribedTracks.map((track) => [track.trackSid, track.dateCreated - participant.startTime]),
          ),
        },
      ]),
    ),
  };
}

/**
 * A recording that was still being captured or written when the snapshot was taken has no media to
 * come after a restore (the capture and its file belonged to the emulator that took it): it is failed.
 */
function restoredRecording(recording: RecordingRecord, takenAt: number): RecordingRecord {
  const restored = copy(recording);
  if (restored.status !== 'processing') return restored;
  return {
    ...restored,
    status: 'failed',
    captureEndedAt: restored.captureEndedAt ?? takenAt,
    failure: {
      code: 20500,
      message: 'The recording was still in progress when this state was saved; its media was not kept',
    },
  };
}

function accountRecord(account: AccountState, takenAt: number): AccountRecord {
  if (!isSid(account.sid, 'AC') || typeof account.authToken !== 'string') throw new Error('bad account');
  const rooms = new Map(account.rooms.map((room) => [room.sid, roomRecord(room)]));
  const inProgress = [...rooms.values()].filter((room) => room.status === 'in-progress');
  return {
    sid: account.sid,
    authToken: account.authToken,
    friendlyName: account.friendlyName,
    dateCreated: account.dateCreated,
    apiKeys: new Map(account.apiKeys.map((key) => [key.sid, copy(key)])),
    rooms,
    inProgressRoomsByName: new Map(inProgress.map((room) => [room.uniqueName, room])),
    // Snapshots taken before roomlab recorded have no recordings or compositions.
    recordings: new Map(
      (account.recordings ?? []).map((recording) => [recording.sid, restoredRecording(recording, takenAt)]),
    ),
    compositions: new Map(
      (account.compositions ?? []).map((composition) => [composition.sid, copy(composition)]),
    ),
    mediaSettings: account.mediaSettings ? copy(account.mediaSettings) : defaultMediaSettings(),
    compositionHooks: new Map((account.compositionHooks ?? []).map((hook) => [hook.sid, copy(hook)])),
    bandwidthProfiles: new Map(
      (account.bandwidthProfiles ?? []).map((profile) => [profile.name, copy(profile)]),
    ),
  };
}

/** Reads a whole snapshot before anything changes: a malformed one is refused with 20001. */
function readState(state: EngineState): AccountRecord[] {
  try {
    if (state.format !== 'roomlab-engine-state' || state.version !== 1)
      throw new Error('not a roomlab state');
    const accounts = state.accounts.map((account) => accountRecord(account, state.takenAt));
    if (!Array.isArray(state.events) || !Number.isInteger(state.sequence)) throw new Error('bad log');
    return accounts;
  } catch (error) {
    throw new TwilioError(
      20001,
      `Invalid state: this is not a roomlab snapshot (${(error as Error).message})`,
    );
  }
}

function removeAccount(context: EngineContext, accountSid: string): void {
  for (const key of context.accounts.get(accountSid)?.apiKeys.keys() ?? []) context.apiKeys.delete(key);
  context.accounts.delete(accountSid);
}

function putAccount(context: EngineContext, account: AccountRecord): void {
  context.accounts.set(account.sid, account);
  for (const key of account.apiKeys.values()) context.apiKeys.set(key.sid, key);
}

export function restore(context: EngineContext, state: EngineState, accountSid?: string): void {
  const rebuilt = readState(state);
  const whole = accountSid === undefined;
  for (const sid of whole ? [...context.accounts.keys()] : [accountSid]) removeAccount(context, sid);
  for (const account of rebuilt) if (whole || account.sid === accountSid) putAccount(context, account);
  const kept = whole ? [] : context.log.events().filter((event) => event.accountSid !== accountSid);
  const restored = state.events.filter((event) => whole || event.accountSid === accountSid).map(copy);
  context.log.replace([...kept, ...restored], state.sequence);
  rebuildDeadlines(context);
}

export function clearRooms(context: EngineContext, accountSid: string): void {
  const account = requireAccount(context, { accountSid });
  account.rooms.clear();
  account.inProgressRoomsByName.clear();
  account.recordings.clear();
  account.compositions.clear();
  context.log.retain((event) => event.accountSid !== accountSid);
  rebuildDeadlines(context);
}
