import {
  type Clock,
  checkRetention,
  type Engine,
  type EngineEvent,
  type EngineState,
  type NetworkConditions,
  type ParticipantRecord,
  type RoomRecord,
  type RoomRetention,
  TwilioError,
  type VerifiedAccessToken,
  verifyAccessToken,
} from '@roomlab/core';
import type { ListenerSet } from '../listener-set.js';
import type { MediaStorage } from '../media/media-storage.js';
import type { RoomSignaling } from '../signaling/room-signaling.js';
import type { Delivery, StatusCallbackDelivery } from '../webhooks/status-callback-delivery.js';
import { type NamedRoom, roomRefOf } from './account-of-room.js';
import {
  type DominantSpeakerRoom,
  type DominantSpeakerState,
  forceDominantSpeaker,
  readDominantSpeaker,
  type SpeakerChoice,
} from './dominant-speaker.js';
import type { Fault, FaultTable } from './faults.js';
import type { LiveFeed, LiveFollower } from './live-feed.js';
import { type MediaFile, mediaFile } from './media-file.js';
import {
  clearNetwork,
  type ForcedNetwork,
  forcedNetworks,
  type NetworkSettings,
  type NetworkState,
  networkState,
  setNetwork,
} from './network.js';
import { participantRefBySid } from './participant-by-sid.js';
import type { LoggedRequest, RequestLog, RequestLogFilter } from './request-log.js';
import type { SeedResult } from './seed.js';

/**
 * The seed and transcript checks (zod schemas) load on their first call: most emulators never seed, and
 * zod is a large part of a cold start.
 */
let seedLoad: Promise<typeof import('./seed.js')> | undefined;
let transcriptsLoad: Promise<typeof import('./transcripts.js')> | undefined;
const loadSeed = () => {
  seedLoad ??= import('./seed.js');
  return seedLoad;
};
const loadTranscripts = () => {
  transcriptsLoad ??= import('./transcripts.js');
  return transcriptsLoad;
};

export interface EventFilter {
  after?: number;
  accountSid?: string;
  roomSid?: string;
  name?: string;
  limit?: number;
}

/**
 * What a test can do to the emulator beyond Twilio's API: reset, seed, snapshot and restore, move the
 * clock, read the request, event and status-callback logs, inject faults, and check a token. The
 * `/_roomlab/` HTTP routes call these same functions.
 */
export interface Control {
  /** Back to the reset point (start-up, unless moved): all accounts, or one. */
  reset(accountSid?: string): void;
  /** Makes the current state the one `reset` returns to (a restored state file does this). */
  setResetPoint(): void;
  seed(fixture: unknown): Promise<SeedResult>;
  snapshot(accountSid?: string): EngineState;
  restore(state: unknown, accountSid?: string): void;
  now(): number;
  /** Moves the clock forward: timeouts fire and tokens expire as if the time had passed. */
  advanceClock(ms: number): number;
  requests(filter?: RequestLogFilter): LoggedRequest[];
  events(filter?: EventFilter): EngineEvent[];
  statusCallbacks(filter?: { roomSid?: string; state?: Delivery['state'] }): Delivery[];
  /**
   * Sends failed or dropped status callbacks again, in order: all, a room's, or the one with this `id`
   * (20404 when there is none, 20001 when it is not failed or dropped). Returns how many.
   */
  redeliverStatusCallbacks(filter?: { roomSid?: string; id?: string }): number;
  /**
   * Ends an in-progress room as REST `Status=completed` does, status callbacks and all: by RM SID in
   * any account, or by unique name with `accountSid` (20404 for none, 53118 when it has ended).
   */
  completeRoom(room: NamedRoom): RoomRecord;
  /**
   * Disconnects a participant, by its PA SID in any account, as REST `Status=disconnected` does (20404
   * for none; one already disconnected stays as it is).
   */
  disconnectParticipant(participantSid: string): ParticipantRecord;
  /**
   * Tells `follower` every change from now on, as `GET /_roomlab/live` streams them: engine events,
   * requests, status-callback deliveries, faults, clock advances and state replaced. Returns the function
   * that stops it; the emulator's `close()` ends every follower.
   */
  follow(follower: LiveFollower): () => void;
  faults: Pick<FaultTable, 'add' | 'list' | 'remove' | 'clear'>;
  verifyToken(token: string, room?: string): Promise<VerifiedAccessToken>;
  /** Drops signaling sockets as a network failure would (one participant's, or all); returns how many. */
  dropSignaling(participantSid?: string): number;
  /**
   * Forces the network quality level (1–5) of a connected participant, found by its PA SID, that it and
   * everyone else in its room see from their next report; null stops forcing it (a roomlab extension).
   */
  setNetworkQualityLevel(
    participantSid: string,
    level: number | null,
  ): { participantSid: string; level: number | null };
  /** A group room's dominant speaker now, and whether a test forced it (a roomlab extension). */
  dominantSpeaker(room: DominantSpeakerRoom): DominantSpeakerState;
  /**
   * Forces a group room's dominant speaker (a connected participant, by PA SID or identity): every
   * client that asked for the dominant speaker is told, and it holds until released with null, back to
   * what the media server hears (a roomlab extension).
   */
  setDominantSpeaker(room: DominantSpeakerRoom, speaker: SpeakerChoice | null): DominantSpeakerState;
  /**
   * Impairs a connected participant's media path, both ways, as the SFU carries it (loss, latency,
   * jitter, bandwidth; see the emulator's docs/network.md); null clears it (a roomlab extension).
   */
  setNetworkConditions(participantSid: string, conditions: NetworkConditions | null): NetworkState;
  /** Forces the level and impairs the path at once, all or nothing (`POST /_roomlab/network`). */
  setNetwork(participantSid: string, settings: NetworkSettings): NetworkState;
  /** Stops forcing the level and clears the impairment (`DELETE /_roomlab/network`). */
  clearNetwork(participantSid: string): NetworkState;
  /** Every connected participant whose level is forced or whose path is impaired (`GET /_roomlab/network`). */
  forcedNetworks(): ForcedNetwork[];
  /**
   * A completed recording's (RT) or composition's (CJ) file, by SID in any account, for a player
   * (`GET /_roomlab/media?Sid=`); 20404 for none, or while it has no media.
   */
  media(sid: string): Promise<MediaFile>;
  /**
   * What a participant said, for the room's started transcription to deliver to clients (roomlab
   * hears no speech); returns the `extension_transcriptions` message they are sent.
   */
  transcribe(input: unknown, accountSid?: string): Promise<Record<string, unknown>>;
  /** How many ended rooms each account keeps (a roomlab extension: Twilio keeps them all). */
  retention(): RoomRetention;
  /**
   * Changes it (20001 for a bad one); older ended rooms are dropped at once and are 20404 from then on
   * (a roomlab extension). A reset does not change it.
   */
  setRetention(retention: unknown): RoomRetention;
}

export interface ControlParts {
  engine: Engine;
  clock: Clock;
  /** The state right after start-up, which a reset returns to. */
  initial: EngineState;
  requestLog: RequestLog;
  faults: FaultTable;
  statusCallbacks: StatusCallbackDelivery;
  signaling: Pick<RoomSignaling, 'drop'>;
  mediaStorage: MediaStorage;
  live: Pick<LiveFeed, 'follow'>;
  /** Told when the state is replaced: reset, restore, seed. */
  resets: ListenerSet<void>;
}

export function createControl(parts: ControlParts): Control {
  const { engine, clock } = parts;
  let resetPoint = parts.initial;
  return {
    setResetPoint() {
      resetPoint = engine.snapshot();
    },
    reset(accountSid) {
      if (accountSid === undefined) {
        engine.restore(resetPoint);
        parts.requestLog.clear();
        parts.faults.clear();
        parts.statusCallbacks.clear();
      } else {
        if (!engine.getAccount(accountSid))
          throw new TwilioError(20404, `Account ${accountSid.slice(0, 64)} was not found`);
        // An account that existed at start goes back to how it was then; one provisioned later goes.
        engine.restore(resetPoint, accountSid);
      }
      parts.resets.emit();
    },
    async seed(fixture) {
      const seeded = (await loadSeed()).seedEngine(engine, fixture);
      parts.resets.emit();
      return seeded;
    },
    snapshot: (accountSid) => engine.snapshot(accountSid),
    restore(state, accountSid) {
      engine.restore(state as EngineState, accountSid);
      parts.resets.emit();
    },
    now: () => clock.now(),
    advanceClock(ms) {
      const advance = (clock as { advance?: (ms: number) => void }).advance;
      if (typeof advance !== 'function')
        throw new TwilioError(20001, 'This emulator runs on a clock that cannot be moved');
      if (!Number.isFinite(ms) || ms < 0 || ms > 366 * 24 * 3_600_000) {
        throw new TwilioError(
          20001,
          'Invalid clock advance: give a number of milliseconds from 0 to one year',
        );
      }
      advance.call(clock, ms);
      return clock.now();
    },
    requests: (filter) => parts.requestLog.list(filter),
    events(filter = {}) {
      const found = engine
        .events(filter.after ?? 0)
        .filter(
          (event) =>
            (filter.accountSid === undefined || event.accountSid === filter.accountSid) &&
            (filter.roomSid === undefined || event.room.sid === filter.roomSid) &&
            (filter.name === undefined || event.name === filter.name),
        );
      return filter.limit === undefined ? [...found] : found.slice(-filter.limit);
    },
    statusCallbacks: (filter = {}) =>
      parts.statusCallbacks
        .deliveries()
        .filter(
          (delivery) =>
            (filter.roomSid === undefined || delivery.roomSid === filter.roomSid) &&
            (filter.state === undefined || delivery.state === filter.state),
        ),
    redeliverStatusCallbacks(filter = {}) {
      if (filter.id !== undefined) owedDelivery(parts.statusCallbacks, filter.id);
      return parts.statusCallbacks.redeliver(filter);
    },
    completeRoom: (room) => engine.completeRoom(roomRefOf(engine, room)),
    disconnectParticipant: (participantSid) =>
      engine.disconnectParticipant(participantRefBySid(engine, participantSid)),
    follow: (follower) => parts.live.follow(follower),
    forcedNetworks: () => forcedNetworks(engine),
    media: (sid) => mediaFile(engine, parts.mediaStorage, sid),
    faults: {
      add: (input: unknown): Fault => parts.faults.add(input),
      list: () => parts.faults.list(),
      remove: (id: string) => parts.faults.remove(id),
      clear: () => parts.faults.clear(),
    },
    dropSignaling: (participantSid) => parts.signaling.drop(participantSid),
    setNetworkQualityLevel(participantSid, level) {
      const participant = engine.setNetworkQualityLevel(participantRefBySid(engine, participantSid), level);
      return { participantSid: participant.sid, level: participant.networkQualityLevel ?? null };
    },
    setNetworkConditions(participantSid, conditions) {
      const ref = participantRefBySid(engine, participantSid);
      return networkState(engine.setNetworkConditions(ref, conditions));
    },
    setNetwork: (participantSid, settings) =>
      setNetwork(engine, participantRefBySid(engine, participantSid), settings),
    clearNetwork: (participantSid) => clearNetwork(engine, participantRefBySid(engine, participantSid)),
    dominantSpeaker: (room) => readDominantSpeaker(engine, room),
    setDominantSpeaker: (room, speaker) => forceDominantSpeaker(engine, room, speaker),
    transcribe: async (input, accountSid) =>
      (await loadTranscripts()).supplyTranscript(engine, input, accountSid),
    retention: () => engine.retention(),
    setRetention(retention) {
      engine.setRetention(checkRetention(retention));
      return engine.retention();
    },
    verifyToken: (token, room) =>
      verifyAccessToken(token, { now: clock.now(), lookupApiKey: engine.lookupApiKey, room }),
  };
}

/** Checks that a delivery named by id exists and awaits a redelivery: failed, or dropped by a fault. */
function owedDelivery(statusCallbacks: StatusCallbackDelivery, id: string): void {
  const delivery = statusCallbacks.deliveries().find((each) => each.id === id);
  if (!delivery) throw new TwilioError(20404, `Status callback ${id.slice(0, 128)} was not found`);
  if (delivery.state !== 'failed' && delivery.state !== 'dropped')
    throw new TwilioError(
      20001,
      `Invalid parameter Id: status callback ${id.slice(0, 128)} is ${delivery.state}; only failed or dropped ones are redelivered`,
    );
}
