import { type Clock, durationSeconds, systemClock } from '../clock.js';
import { TwilioError } from '../errors.js';
import type { ParticipantStatus, RoomStatus, TrackKind } from '../resources.js';
import { isSid, randomSidSource, type SidSource } from '../sid.js';
import { deadlineQueue } from './deadlines.js';
import type { EngineState } from './engine-state.js';
import {
  type EngineEvent,
  type EngineEventListener,
  type EngineEventName,
  isStatusCallbackEvent,
  type ParticipantSnapshot,
  type RoomSnapshot,
  type TrackSnapshot,
} from './events.js';
import type {
  AccountRecord,
  ApiKeyRecord,
  ParticipantRecord,
  PublishedTrackRecord,
  RoomRecord,
} from './records.js';
import { type CreateRoomOptions, resolveRoomSettings } from './room-options.js';
import { parseRules, rulesSelect, type TrackRule } from './rules.js';

export interface EngineOptions {
  clock?: Clock;
  sids?: SidSource;
  /**
   * Whether an unknown account SID presented with any auth token becomes an account on first use
   * (zero-config). When false, only accounts created through the engine exist.
   */
  provisionAccountsOnFirstUse?: boolean;
}

export interface AccountSeed {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
  apiKeys?: { sid?: string; secret?: string; friendlyName?: string }[];
}

export interface ListRoomsFilter {
  status?: RoomStatus;
  uniqueName?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

export interface ListParticipantsFilter {
  status?: ParticipantStatus;
  identity?: string;
  dateCreatedAfter?: number;
  dateCreatedBefore?: number;
}

export interface ConnectParticipantOptions {
  identity: string;
  /** Create the room with these options when no in-progress room of that name exists (ad-hoc rooms). */
  createRoom?: CreateRoomOptions | false;
}

export interface PublishTrackOptions {
  kind: TrackKind;
  name?: string;
  enabled?: boolean;
}

const identityMaxLength = 128;
const trackNameMaxLength = 128;

type DeadlineSubject =
  | { kind: 'room'; accountSid: string; roomSid: string }
  | { kind: 'participant'; accountSid: string; roomSid: string; participantSid: string };

/**
 * The one state machine of roomlab: accounts, rooms, participants, tracks and rules. Every change goes
 * through it and is appended, in order, to the event log that webhooks, signaling and tests read.
 * It does no I/O; time comes from the injected clock and SIDs from the injected source.
 */
export function createEngine(options: EngineOptions = {}) {
  const clock = options.clock ?? systemClock();
  const newSid = options.sids ?? randomSidSource();
  const provisionOnFirstUse = options.provisionAccountsOnFirstUse ?? true;
  const accounts = new Map<string, AccountRecord>();
  const apiKeyIndex = new Map<string, ApiKeyRecord>();
  const log: EngineEvent[] = [];
  const listeners = new Set<EngineEventListener>();
  const deadlines = deadlineQueue<DeadlineSubject>();
  let sequence = 0;

  const newSecret = () => newSid('AC').slice(2);

  // ---- events ----------------------------------------------------------------------------------

  function roomSnapshot(room: RoomRecord): RoomSnapshot {
    return {
      sid: room.sid,
      accountSid: room.accountSid,
      uniqueName: room.uniqueName,
      status: room.status,
      type: room.type,
      durationSeconds: room.endTime === null ? null : durationSeconds(room.dateCreated, room.endTime),
      statusCallback: room.statusCallback,
      statusCallbackMethod: room.statusCallbackMethod,
    };
  }

  function participantSnapshot(participant: ParticipantRecord): ParticipantSnapshot {
    return {
      sid: participant.sid,
      identity: participant.identity,
      status: participant.status,
      durationSeconds:
        participant.endTime === null ? null : durationSeconds(participant.startTime, participant.endTime),
    };
  }

  function trackSnapshot(track: PublishedTrackRecord): TrackSnapshot {
    return { sid: track.sid, name: track.name, kind: track.kind, enabled: track.enabled };
  }

  function emit(
    name: EngineEventName,
    room: RoomRecord,
    about: Pick<EngineEvent, 'participant' | 'track' | 'subscriber' | 'reason'> = {},
  ): void {
    sequence += 1;
    const event: EngineEvent = {
      sequence,
      // Twilio numbers the callbacks of a room; changes no callback reports do not take a number.
      roomSequenceNumber: isStatusCallbackEvent(name) ? room.nextSequenceNumber++ : room.nextSequenceNumber,
      name,
      accountSid: room.accountSid,
      timestamp: clock.now(),
      room: roomSnapshot(room),
      ...about,
    };
    log.push(event);
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must never undo or block the change it was told of.
      }
    }
  }

  // ---- accounts --------------------------------------------------------------------------------

  function addAccount(seed: AccountSeed = {}): AccountRecord {
    const sid = seed.sid ?? newSid('AC');
    if (!isSid(sid, 'AC'))
      throw new TwilioError(20001, `Account SID "${sid}" is not of the form AC + 32 hex digits`);
    if (accounts.has(sid)) throw new TwilioError(20001, `Account ${sid} already exists`);
    const now = clock.now();
    const account: AccountRecord = {
      sid,
      authToken: seed.authToken ?? newSecret(),
      friendlyName: seed.friendlyName ?? `roomlab account ${sid}`,
      dateCreated: now,
      apiKeys: new Map(),
      rooms: new Map(),
      inProgressRoomsByName: new Map(),
    };
    accounts.set(sid, account);
    for (const key of seed.apiKeys ?? []) createApiKey(sid, key);
    return account;
  }

  function createApiKey(
    accountSid: string,
    seed: { sid?: string; secret?: string; friendlyName?: string } = {},
  ): ApiKeyRecord {
    const account = requireAccount(accountSid);
    const sid = seed.sid ?? newSid('SK');
    if (!isSid(sid, 'SK'))
      throw new TwilioError(20001, `API key SID "${sid}" is not of the form SK + 32 hex digits`);
    if (apiKeyIndex.has(sid)) throw new TwilioError(20001, `API key ${sid} already exists`);
    const now = clock.now();
    const key: ApiKeyRecord = {
      sid,
      accountSid,
      secret: seed.secret ?? newSecret(),
      friendlyName: seed.friendlyName ?? null,
      dateCreated: now,
      dateUpdated: now,
    };
    account.apiKeys.set(sid, key);
    apiKeyIndex.set(sid, key);
    return key;
  }

  function getApiKey(accountSid: string, keySid: string): ApiKeyRecord {
    const key = requireAccount(accountSid).apiKeys.get(keySid);
    if (!key)
      throw new TwilioError(20404, `The requested resource /Keys/${keySid.slice(0, 64)} was not found`);
    return key;
  }

  function updateApiKey(accountSid: string, keySid: string, update: { friendlyName?: string }): ApiKeyRecord {
    const key = getApiKey(accountSid, keySid);
    if (update.friendlyName !== undefined) {
      key.friendlyName = update.friendlyName;
      key.dateUpdated = clock.now();
    }
    return key;
  }

  function deleteApiKey(accountSid: string, keySid: string): void {
    const account = requireAccount(accountSid);
    if (!account.apiKeys.delete(keySid)) throw new TwilioError(20404, `API key ${keySid} was not found`);
    apiKeyIndex.delete(keySid);
  }

  function requireAccount(accountSid: string): AccountRecord {
    const account = accounts.get(accountSid);
    if (!account) throw new TwilioError(20404, `Account ${accountSid} was not found`);
    return account;
  }

  /**
   * HTTP Basic credentials to an account SID: an account SID and its auth token, or an API key SID
   * and its secret. Unknown account SIDs are provisioned with the token they present, when allowed.
   */
  function authenticate(username: string, password: string): string {
    const denied = () =>
      new TwilioError(20003, 'Authentication Error - the credentials presented were not accepted');
    if (isSid(username, 'SK')) {
      const key = apiKeyIndex.get(username);
      if (!key || key.secret !== password) throw denied();
      return key.accountSid;
    }
    if (!isSid(username, 'AC') || password.length === 0) throw denied();
    const account = accounts.get(username);
    if (account) {
      if (account.authToken !== password) throw denied();
      return account.sid;
    }
    if (!provisionOnFirstUse || password.length > 256) throw denied();
    return addAccount({ sid: username, authToken: password }).sid;
  }

  // ---- rooms -----------------------------------------------------------------------------------

  function createRoom(accountSid: string, roomOptions: CreateRoomOptions = {}): RoomRecord {
    tick();
    const account = requireAccount(accountSid);
    const settings = resolveRoomSettings(roomOptions);
    if (settings.uniqueName !== undefined && account.inProgressRoomsByName.has(settings.uniqueName)) {
      throw new TwilioError(
        53113,
        `Room exists: an in-progress room named "${settings.uniqueName}" already exists`,
      );
    }
    const now = clock.now();
    const sid = newSid('RM');
    const { uniqueName, ...rest } = settings;
    const room: RoomRecord = {
      ...rest,
      sid,
      accountSid,
      uniqueName: uniqueName ?? sid,
      status: 'in-progress',
      dateCreated: now,
      dateUpdated: now,
      endTime: null,
      recordingRulesDateUpdated: now,
      participants: new Map(),
      emptySince: null,
      nextSequenceNumber: 0,
    };
    account.rooms.set(sid, room);
    account.inProgressRoomsByName.set(room.uniqueName, room);
    deadlines.push(now + room.unusedRoomTimeout * 60_000, { kind: 'room', accountSid, roomSid: sid });
    emit('room-created', room);
    return room;
  }

  /** A room by SID, or an in-progress room by unique name. */
  function findRoom(accountSid: string, sidOrUniqueName: string): RoomRecord | undefined {
    const account = accounts.get(accountSid);
    if (!account) return undefined;
    return account.rooms.get(sidOrUniqueName) ?? account.inProgressRoomsByName.get(sidOrUniqueName);
  }

  function getRoom(accountSid: string, sidOrUniqueName: string): RoomRecord {
    tick();
    const room = findRoom(accountSid, sidOrUniqueName);
    if (!room) throw new TwilioError(20404, `The requested resource /Rooms/${sidOrUniqueName} was not found`);
    return room;
  }

  function listRooms(accountSid: string, filter: ListRoomsFilter = {}): RoomRecord[] {
    tick();
    const account = requireAccount(accountSid);
    const status = filter.status ?? 'in-progress';
    const rooms: RoomRecord[] = [];
    for (const room of account.rooms.values()) {
      if (room.status !== status) continue;
      if (filter.uniqueName !== undefined && room.uniqueName !== filter.uniqueName) continue;
      if (filter.dateCreatedAfter !== undefined && room.dateCreated < filter.dateCreatedAfter) continue;
      if (filter.dateCreatedBefore !== undefined && room.dateCreated >= filter.dateCreatedBefore) continue;
      rooms.push(room);
    }
    // Newest first, as Twilio lists rooms.
    return rooms.reverse();
  }

  function endRoom(room: RoomRecord, status: Exclude<RoomStatus, 'in-progress'>, reason: TwilioError): void {
    for (const participant of room.participants.values()) {
      if (participant.status === 'connected') leave(room, participant, reason);
    }
    const now = clock.now();
    room.status = status;
    room.endTime = now;
    room.dateUpdated = now;
    const account = accounts.get(room.accountSid);
    if (account?.inProgressRoomsByName.get(room.uniqueName) === room)
      account.inProgressRoomsByName.delete(room.uniqueName);
    emit('room-ended', room, { reason: { code: reason.code, message: reason.message } });
  }

  /** REST `Status=completed`: ends the room and disconnects everyone in it. */
  function completeRoom(accountSid: string, sidOrUniqueName: string): RoomRecord {
    const room = getRoom(accountSid, sidOrUniqueName);
    if (room.status !== 'in-progress') {
      throw new TwilioError(53118, `Room completed: room ${room.sid} has already ended`);
    }
    endRoom(room, 'completed', new TwilioError(53118, 'Room completed'));
    return room;
  }

  // ---- participants ----------------------------------------------------------------------------

  function validateIdentity(identity: string): void {
    if (typeof identity !== 'string' || identity.length === 0) {
      throw new TwilioError(53200, 'Participant identity is invalid: it must not be empty');
    }
    if (identity.length > identityMaxLength) {
      throw new TwilioError(
        53201,
        `Participant identity is too long: it may have at most ${identityMaxLength} characters`,
      );
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(identity)) {
      throw new TwilioError(53202, 'Participant identity contains invalid characters');
    }
  }

  function connectedParticipants(room: RoomRecord): ParticipantRecord[] {
    return [...room.participants.values()].filter((participant) => participant.status === 'connected');
  }

  /**
   * A participant joins a room (what an SDK's connect or a scripted participant does). Joining with
   * an identity already in the room disconnects the older participant with 53205, as Twilio does.
   */
  function connectParticipant(
    accountSid: string,
    roomSidOrName: string,
    connect: ConnectParticipantOptions,
  ): ParticipantRecord {
    tick();
    validateIdentity(connect.identity);
    let room = findRoom(accountSid, roomSidOrName);
    if (room?.status !== 'in-progress') {
      // Only a SID finds a room that has ended (names are free once their room completes).
      if (room) throw new TwilioError(53118, `Room completed: room ${room.sid} has ended`);
      if (connect.createRoom === false || connect.createRoom === undefined) {
        throw new TwilioError(53106, `Room not found: no in-progress room "${roomSidOrName}"`);
      }
      if (isSid(roomSidOrName, 'RM')) throw new TwilioError(53106, `Room not found: ${roomSidOrName}`);
      room = createRoom(accountSid, { ...connect.createRoom, uniqueName: roomSidOrName });
    }
    const present = connectedParticipants(room);
    const duplicate = present.find((participant) => participant.identity === connect.identity);
    if (!duplicate && present.length >= room.maxParticipants) {
      throw new TwilioError(
        53105,
        `Room contains too many Participants: the maximum is ${room.maxParticipants}`,
      );
    }
    if (duplicate) leave(room, duplicate, new TwilioError(53205));
    const now = clock.now();
    const participant: ParticipantRecord = {
      sid: newSid('PA'),
      roomSid: room.sid,
      accountSid,
      identity: connect.identity,
      status: 'connected',
      dateCreated: now,
      dateUpdated: now,
      startTime: now,
      endTime: null,
      anonymized: false,
      publishedTracks: new Map(),
      subscribedTracks: new Map(),
      subscribeRules: [{ type: 'include', all: true }],
      subscribeRulesDateUpdated: null,
    };
    room.participants.set(participant.sid, participant);
    room.emptySince = null;
    deadlines.push(now + room.maxParticipantDuration * 1000, {
      kind: 'participant',
      accountSid,
      roomSid: room.sid,
      participantSid: participant.sid,
    });
    emit('participant-connected', room, { participant: participantSnapshot(participant) });
    // The newcomer receives what is already published, under its (default) rules.
    for (const publisher of connectedParticipants(room)) {
      if (publisher === participant) continue;
      for (const track of publisher.publishedTracks.values())
        reconcileSubscription(room, participant, publisher, track);
    }
    return participant;
  }

  function findParticipant(room: RoomRecord, sidOrIdentity: string): ParticipantRecord | undefined {
    const bySid = room.participants.get(sidOrIdentity);
    if (bySid) return bySid;
    for (const participant of room.participants.values()) {
      if (participant.status === 'connected' && participant.identity === sidOrIdentity) return participant;
    }
    return undefined;
  }

  function getParticipant(
    accountSid: string,
    roomSidOrName: string,
    sidOrIdentity: string,
  ): ParticipantRecord {
    const room = getRoom(accountSid, roomSidOrName);
    const participant = findParticipant(room, sidOrIdentity);
    if (!participant) {
      throw new TwilioError(
        20404,
        `The requested resource /Rooms/${room.sid}/Participants/${sidOrIdentity} was not found`,
      );
    }
    return participant;
  }

  function listParticipants(
    accountSid: string,
    roomSidOrName: string,
    filter: ListParticipantsFilter = {},
  ): ParticipantRecord[] {
    const room = getRoom(accountSid, roomSidOrName);
    // Twilio: connected by default for in-progress rooms; a completed room has only disconnected ones.
    const status = filter.status ?? (room.status === 'in-progress' ? 'connected' : 'disconnected');
    return [...room.participants.values()].filter(
      (participant) =>
        participant.status === status &&
        (filter.identity === undefined || participant.identity === filter.identity) &&
        (filter.dateCreatedAfter === undefined || participant.dateCreated >= filter.dateCreatedAfter) &&
        (filter.dateCreatedBefore === undefined || participant.dateCreated < filter.dateCreatedBefore),
    );
  }

  function leave(room: RoomRecord, participant: ParticipantRecord, reason?: TwilioError): void {
    for (const track of [...participant.publishedTracks.values()]) removeTrack(room, participant, track);
    for (const subscription of [...participant.subscribedTracks.values()]) {
      const publisher = room.participants.get(subscription.publisherSid);
      const track = publisher?.publishedTracks.get(subscription.trackSid);
      participant.subscribedTracks.delete(subscription.trackSid);
      if (track)
        emit('track-unsubscribed', room, {
          participant: participantSnapshot(participant),
          track: trackSnapshot(track),
        });
    }
    const now = clock.now();
    participant.status = 'disconnected';
    participant.endTime = now;
    participant.dateUpdated = now;
    emit('participant-disconnected', room, {
      participant: participantSnapshot(participant),
      ...(reason ? { reason: { code: reason.code, message: reason.message } } : {}),
    });
    if (room.status === 'in-progress' && connectedParticipants(room).length === 0) {
      room.emptySince = now;
      deadlines.push(now + room.emptyRoomTimeout * 60_000, {
        kind: 'room',
        accountSid: room.accountSid,
        roomSid: room.sid,
      });
    }
  }

  /** A participant leaves: by its own wish (no reason) or because it was removed (REST, timeouts). */
  function disconnectParticipant(
    accountSid: string,
    roomSidOrName: string,
    sidOrIdentity: string,
    reason?: TwilioError,
  ): ParticipantRecord {
    const room = getRoom(accountSid, roomSidOrName);
    const participant = findParticipant(room, sidOrIdentity);
    if (!participant) {
      throw new TwilioError(
        20404,
        `The requested resource /Rooms/${room.sid}/Participants/${sidOrIdentity} was not found`,
      );
    }
    if (participant.status === 'connected') leave(room, participant, reason);
    return participant;
  }

  /** Replaces a disconnected participant's identity with its SID, as Twilio's Anonymize does. */
  function anonymizeParticipant(accountSid: string, roomSidOrName: string, sid: string): ParticipantRecord {
    const room = getRoom(accountSid, roomSidOrName);
    const participant = room.participants.get(sid);
    if (!participant)
      throw new TwilioError(
        20404,
        `The requested resource /Rooms/${room.sid}/Participants/${sid} was not found`,
      );
    if (participant.status !== 'disconnected') {
      throw new TwilioError(
        53209,
        'Participant status is invalid: only a disconnected participant can be anonymized',
      );
    }
    if (!participant.anonymized) {
      participant.anonymized = true;
      participant.identity = participant.sid;
      participant.dateUpdated = clock.now();
      emit('participant-anonymized', room, { participant: participantSnapshot(participant) });
    }
    return participant;
  }

  // ---- tracks ----------------------------------------------------------------------------------

  function requireConnected(accountSid: string, roomSidOrName: string, participantSid: string) {
    const room = getRoom(accountSid, roomSidOrName);
    if (room.status !== 'in-progress')
      throw new TwilioError(53118, `Room completed: room ${room.sid} has ended`);
    const participant = room.participants.get(participantSid);
    if (participant?.status !== 'connected') {
      throw new TwilioError(
        53204,
        `Participant not found: ${participantSid} is not connected to room ${room.sid}`,
      );
    }
    return { room, participant };
  }

  function publishedTrackCount(room: RoomRecord): number {
    let count = 0;
    for (const participant of room.participants.values()) count += participant.publishedTracks.size;
    return count;
  }

  function publishTrack(
    accountSid: string,
    roomSidOrName: string,
    participantSid: string,
    track: PublishTrackOptions,
  ): PublishedTrackRecord {
    const { room, participant } = requireConnected(accountSid, roomSidOrName, participantSid);
    if (track.kind !== 'audio' && track.kind !== 'video' && track.kind !== 'data') {
      throw new TwilioError(53300, `Track is invalid: kind must be audio, video or data`);
    }
    if (track.kind === 'video' && room.audioOnly) {
      throw new TwilioError(53125, 'The track kind is not supported by the Room: this room is audio-only');
    }
    const sid = newSid('MT');
    const name = track.name ?? sid;
    if (name.length === 0) throw new TwilioError(53301, 'Track name is invalid: it must not be empty');
    if (name.length > trackNameMaxLength) {
      throw new TwilioError(
        53302,
        `Track name is too long: it may have at most ${trackNameMaxLength} characters`,
      );
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(name))
      throw new TwilioError(53303, 'Track name contains invalid characters');
    for (const existing of participant.publishedTracks.values()) {
      if (existing.name === name)
        throw new TwilioError(53304, `Track name is duplicated: "${name}" is already published`);
    }
    if (
      room.maxConcurrentPublishedTracks > 0 &&
      publishedTrackCount(room) >= room.maxConcurrentPublishedTracks
    ) {
      throw new TwilioError(53203);
    }
    const now = clock.now();
    const record: PublishedTrackRecord = {
      sid,
      participantSid,
      roomSid: room.sid,
      name,
      kind: track.kind,
      enabled: track.enabled ?? true,
      dateCreated: now,
      dateUpdated: now,
    };
    participant.publishedTracks.set(sid, record);
    emit('track-added', room, {
      participant: participantSnapshot(participant),
      track: trackSnapshot(record),
    });
    for (const subscriber of connectedParticipants(room)) {
      if (subscriber !== participant) reconcileSubscription(room, subscriber, participant, record);
    }
    return record;
  }

  function removeTrack(room: RoomRecord, publisher: ParticipantRecord, track: PublishedTrackRecord): void {
    for (const subscriber of room.participants.values()) {
      if (subscriber.subscribedTracks.delete(track.sid)) {
        emit('track-unsubscribed', room, {
          participant: participantSnapshot(subscriber),
          track: trackSnapshot(track),
        });
      }
    }
    publisher.publishedTracks.delete(track.sid);
    emit('track-removed', room, { participant: participantSnapshot(publisher), track: trackSnapshot(track) });
  }

  function requireTrack(participant: ParticipantRecord, trackSid: string): PublishedTrackRecord {
    const track = participant.publishedTracks.get(trackSid);
    if (!track)
      throw new TwilioError(20404, `Track ${trackSid} is not published by participant ${participant.sid}`);
    return track;
  }

  function unpublishTrack(
    accountSid: string,
    roomSidOrName: string,
    participantSid: string,
    trackSid: string,
  ): void {
    const { room, participant } = requireConnected(accountSid, roomSidOrName, participantSid);
    removeTrack(room, participant, requireTrack(participant, trackSid));
  }

  function setTrackEnabled(
    accountSid: string,
    roomSidOrName: string,
    participantSid: string,
    trackSid: string,
    enabled: boolean,
  ): PublishedTrackRecord {
    const { room, participant } = requireConnected(accountSid, roomSidOrName, participantSid);
    const track = requireTrack(participant, trackSid);
    if (track.enabled !== enabled) {
      track.enabled = enabled;
      track.dateUpdated = clock.now();
      emit(enabled ? 'track-enabled' : 'track-disabled', room, {
        participant: participantSnapshot(participant),
        track: trackSnapshot(track),
      });
    }
    return track;
  }

  // ---- subscriptions and rules -----------------------------------------------------------------

  /** Makes one subscriber's subscription to one track match its rules, emitting what changed. */
  function reconcileSubscription(
    room: RoomRecord,
    subscriber: ParticipantRecord,
    publisher: ParticipantRecord,
    track: PublishedTrackRecord,
  ) {
    const wanted = rulesSelect(subscriber.subscribeRules, {
      publisherSid: publisher.sid,
      publisherIdentity: publisher.identity,
      trackSid: track.sid,
      trackName: track.name,
      kind: track.kind,
    });
    const has = subscriber.subscribedTracks.has(track.sid);
    if (wanted && !has) {
      const now = clock.now();
      subscriber.subscribedTracks.set(track.sid, {
        trackSid: track.sid,
        publisherSid: publisher.sid,
        subscriberSid: subscriber.sid,
        dateCreated: now,
        dateUpdated: now,
      });
      emit('track-subscribed', room, {
        participant: participantSnapshot(subscriber),
        track: trackSnapshot(track),
      });
    } else if (!wanted && has) {
      subscriber.subscribedTracks.delete(track.sid);
      emit('track-unsubscribed', room, {
        participant: participantSnapshot(subscriber),
        track: trackSnapshot(track),
      });
    }
  }

  function getSubscribeRules(accountSid: string, roomSidOrName: string, participantSid: string) {
    const room = getRoom(accountSid, roomSidOrName);
    const participant = room.participants.get(participantSid);
    if (!participant) {
      throw new TwilioError(
        20404,
        `The requested resource /Rooms/${room.sid}/Participants/${participantSid} was not found`,
      );
    }
    return { room, participant };
  }

  function updateSubscribeRules(
    accountSid: string,
    roomSidOrName: string,
    participantSid: string,
    rules: unknown,
  ): ParticipantRecord {
    const { room, participant } = getSubscribeRules(accountSid, roomSidOrName, participantSid);
    if (room.type === 'peer-to-peer' || room.type === 'go') {
      throw new TwilioError(53117, `Subscribe rules are not supported for ${room.type} rooms`);
    }
    const parsed: TrackRule[] = parseRules(rules, 'subscribe');
    if (room.status !== 'in-progress')
      throw new TwilioError(53118, `Room completed: room ${room.sid} has ended`);
    if (participant.status !== 'connected') {
      throw new TwilioError(
        53204,
        `Participant not found: ${participant.sid} is not connected to room ${room.sid}`,
      );
    }
    participant.subscribeRules = parsed;
    participant.subscribeRulesDateUpdated = clock.now();
    emit('subscribe-rules-updated', room, { participant: participantSnapshot(participant) });
    for (const publisher of connectedParticipants(room)) {
      if (publisher === participant) continue;
      for (const track of publisher.publishedTracks.values())
        reconcileSubscription(room, participant, publisher, track);
    }
    return participant;
  }

  function updateRecordingRules(accountSid: string, roomSidOrName: string, rules: unknown): RoomRecord {
    const room = getRoom(accountSid, roomSidOrName);
    const parsed = parseRules(rules, 'recording');
    if (room.status !== 'in-progress')
      throw new TwilioError(53118, `Room completed: room ${room.sid} has ended`);
    room.recordingRules = parsed;
    room.recordingRulesDateUpdated = clock.now();
    emit('recording-rules-updated', room);
    return room;
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Fires every timeout that is due on the clock: unused and empty rooms, over-long participants. */
  function tick(): void {
    const now = clock.now();
    for (let next = deadlines.peek(); next && next.at <= now; next = deadlines.peek()) {
      deadlines.pop();
      const { subject } = next;
      const room = accounts.get(subject.accountSid)?.rooms.get(subject.roomSid);
      if (room?.status !== 'in-progress') continue;
      if (subject.kind === 'room') {
        const due = roomDeadline(room);
        if (due === null) continue;
        if (due > now) deadlines.push(due, subject);
        else endRoom(room, 'completed', new TwilioError(53118, 'Room completed: the room timed out'));
      } else {
        const participant = room.participants.get(subject.participantSid);
        if (participant?.status !== 'connected') continue;
        const due = participant.startTime + room.maxParticipantDuration * 1000;
        if (due > now) deadlines.push(due, subject);
        else
          leave(
            room,
            participant,
            new TwilioError(53216, 'Participant disconnected: MaxParticipantDuration reached'),
          );
      }
    }
  }

  function roomDeadline(room: RoomRecord): number | null {
    if (connectedParticipants(room).length > 0) return null;
    if (room.emptySince !== null) return room.emptySince + room.emptyRoomTimeout * 60_000;
    if (room.participants.size === 0) return room.dateCreated + room.unusedRoomTimeout * 60_000;
    return null;
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /** The whole state (or one account's) as plain JSON, to save and restore later. */
  function snapshot(accountSid?: string): EngineState {
    const chosen = accountSid === undefined ? [...accounts.values()] : [requireAccount(accountSid)];
    const copy = <T>(value: T): T => structuredClone(value);
    return {
      format: 'roomlab-engine-state',
      version: 1,
      takenAt: clock.now(),
      sequence,
      accounts: chosen.map((account) => ({
        sid: account.sid,
        authToken: account.authToken,
        friendlyName: account.friendlyName,
        dateCreated: account.dateCreated,
        apiKeys: [...account.apiKeys.values()].map(copy),
        rooms: [...account.rooms.values()].map(({ participants, ...room }) => ({
          ...copy(room),
          participants: [...participants.values()].map(
            ({ publishedTracks, subscribedTracks, ...participant }) => ({
              ...copy(participant),
              publishedTracks: [...publishedTracks.values()].map(copy),
              subscribedTracks: [...subscribedTracks.values()].map(copy),
            }),
          ),
        })),
      })),
      events: log.filter((event) => accountSid === undefined || event.accountSid === accountSid).map(copy),
    };
  }

  /**
   * Replaces the state with a snapshot's (or, with `accountSid`, only that account's). The snapshot is
   * read in full before anything changes, so a malformed one is refused with 20001 and changes nothing.
   */
  function restore(state: EngineState, accountSid?: string): void {
    let rebuilt: AccountRecord[];
    try {
      if (state.format !== 'roomlab-engine-state' || state.version !== 1)
        throw new Error('not a roomlab state');
      rebuilt = state.accounts.map((account) => {
        if (!isSid(account.sid, 'AC') || typeof account.authToken !== 'string')
          throw new Error('bad account');
        const rooms = new Map<string, RoomRecord>();
        for (const { participants, ...room } of account.rooms) {
          if (!isSid(room.sid, 'RM')) throw new Error('bad room');
          rooms.set(room.sid, {
            ...structuredClone(room),
            participants: new Map(
              participants.map(({ publishedTracks, subscribedTracks, ...participant }) => [
                participant.sid,
                {
                  ...structuredClone(participant),
                  publishedTracks: new Map(
                    publishedTracks.map((track) => [track.sid, structuredClone(track)]),
                  ),
                  subscribedTracks: new Map(
                    subscribedTracks.map((track) => [track.trackSid, structuredClone(track)]),
                  ),
                },
              ]),
            ),
          });
        }
        const inProgress = [...rooms.values()].filter((room) => room.status === 'in-progress');
        return {
          sid: account.sid,
          authToken: account.authToken,
          friendlyName: account.friendlyName,
          dateCreated: account.dateCreated,
          apiKeys: new Map(account.apiKeys.map((key) => [key.sid, structuredClone(key)])),
          rooms,
          inProgressRoomsByName: new Map(inProgress.map((room) => [room.uniqueName, room])),
        };
      });
      if (!Array.isArray(state.events) || !Number.isInteger(state.sequence)) throw new Error('bad log');
    } catch (error) {
      throw new TwilioError(
        20001,
        `Invalid state: this is not a roomlab snapshot (${(error as Error).message})`,
      );
    }
    const replaced = accountSid === undefined ? [...accounts.keys()] : [accountSid];
    for (const sid of replaced) {
      for (const key of accounts.get(sid)?.apiKeys.keys() ?? []) apiKeyIndex.delete(key);
      accounts.delete(sid);
    }
    for (const account of rebuilt) {
      if (accountSid !== undefined && account.sid !== accountSid) continue;
      accounts.set(account.sid, account);
      for (const key of account.apiKeys.values()) apiKeyIndex.set(key.sid, key);
    }
    if (accountSid === undefined) {
      log.splice(0, log.length, ...state.events.map((event) => structuredClone(event)));
      sequence = Math.max(sequence, state.sequence);
    } else {
      const kept = log.filter((event) => event.accountSid !== accountSid);
      const restored = state.events.filter((event) => event.accountSid === accountSid);
      log.splice(0, log.length, ...[...kept, ...restored].sort((a, b) => a.sequence - b.sequence));
      sequence = Math.max(sequence, state.sequence);
    }
    rebuildDeadlines();
  }

  /** Forgets an account's rooms (and its events), keeping the account and its keys. */
  function clearRooms(accountSid: string): void {
    const account = requireAccount(accountSid);
    account.rooms.clear();
    account.inProgressRoomsByName.clear();
    const kept = log.filter((event) => event.accountSid !== accountSid);
    log.splice(0, log.length, ...kept);
    rebuildDeadlines();
  }

  function rebuildDeadlines(): void {
    deadlines.clear();
    for (const account of accounts.values()) {
      for (const room of account.rooms.values()) {
        if (room.status !== 'in-progress') continue;
        const due = roomDeadline(room);
        if (due !== null) deadlines.push(due, { kind: 'room', accountSid: account.sid, roomSid: room.sid });
        for (const participant of connectedParticipants(room)) {
          deadlines.push(participant.startTime + room.maxParticipantDuration * 1000, {
            kind: 'participant',
            accountSid: account.sid,
            roomSid: room.sid,
            participantSid: participant.sid,
          });
        }
      }
    }
  }

  const stopFollowingClock = clock.onAdvance(tick);

  return {
    clock,
    addAccount,
    getAccount: (accountSid: string): AccountRecord | undefined => accounts.get(accountSid),
    accounts: (): AccountRecord[] => [...accounts.values()],
    createApiKey,
    getApiKey,
    updateApiKey,
    deleteApiKey,
    /** An API key's secret and owner, by SID across accounts: what token verification needs. */
    lookupApiKey: (keySid: string): { secret: string; accountSid: string } | undefined =>
      apiKeyIndex.get(keySid),
    authenticate,
    createRoom,
    findRoom,
    getRoom,
    listRooms,
    completeRoom,
    connectParticipant,
    getParticipant,
    listParticipants,
    disconnectParticipant,
    anonymizeParticipant,
    publishTrack,
    unpublishTrack,
    setTrackEnabled,
    getSubscribeRules,
    updateSubscribeRules,
    updateRecordingRules,
    tick,
    snapshot,
    restore,
    clearRooms,
    /** When the next timeout may fire, so a real-time scheduler knows when to call `tick`. */
    nextDeadline: (): number | undefined => deadlines.peek()?.at,
    /** Events so far, oldest first; `after` gives only those with a greater sequence. */
    events: (after = 0): readonly EngineEvent[] =>
      after <= 0 ? [...log] : log.filter((event) => event.sequence > after),
    subscribe(listener: EngineEventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose(): void {
      stopFollowingClock();
      listeners.clear();
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
