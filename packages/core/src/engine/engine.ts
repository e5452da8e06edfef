import { systemClock } from '../clock.js';
import { consoleLogger } from '../log/logger.js';
import { randomSidSource } from '../sid.js';
import * as accounts from './accounts.js';
import { defaultBandwidthProfile, storeBandwidthProfile } from './bandwidth-profiles.js';
import * as hooks from './composition-hooks.js';
import * as compositions from './compositions.js';
import { deadlineQueue } from './deadlines.js';
import { reportCodec } from './detected-codecs.js';
import { setDominantSpeaker } from './dominant-speaker.js';
import { defaultEventLogCapacity, type Engine, type EngineOptions } from './engine-api.js';
import type { DeadlineSubject, EngineContext } from './engine-context.js';
import { createEventLog } from './event-log.js';
import { findRoom, requireRoom } from './lookup.js';
import * as settings from './media-settings.js';
import { setNetworkConditions } from './network-conditions.js';
import { reportNetworkQuality, setNetworkQualityLevel } from './network-quality.js';
import * as participants from './participants.js';
import * as recordingResources from './recording-resources.js';
import { isRoomRecording } from './recordings.js';
import { checkRetention, defaultRoomRetention, setRetention } from './retention.js';
import * as rooms from './rooms.js';
import * as rules from './rule-updates.js';
import { savepoint } from './savepoint.js';
import * as state from './state-snapshot.js';
import { tick } from './tick.js';
import { deadlineKey } from './timeouts.js';
import { setTrackPriority } from './track-priority.js';
import { recordTrackSwitch } from './track-switches.js';
import * as tracks from './tracks.js';
import * as transcriptions from './transcriptions.js';
import { transcribeSpeech } from './transcripts.js';

/**
 * Builds the engine (see `Engine` in engine-api.ts): one state, shared by the modules that each own a
 * concept (accounts, rooms, participants, tracks, rules, timeouts, snapshots) and the event log.
 * It does no I/O; time comes from the injected clock and SIDs from the injected source.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const clock = options.clock ?? systemClock();
  const context: EngineContext = {
    clock,
    newSid: options.sids ?? randomSidSource(),
    provisionAccountsOnFirstUse: options.provisionAccountsOnFirstUse ?? true,
    accounts: new Map(),
    apiKeys: new Map(),
    deadlines: deadlineQueue<DeadlineSubject>(deadlineKey),
    log: createEventLog({
      clock,
      capacity: options.eventLogCapacity ?? defaultEventLogCapacity,
      logger: options.logger ?? consoleLogger,
    }),
    retention: checkRetention(options.retention ?? defaultRoomRetention),
  };
  const stopFollowingClock = clock.onAdvance(() => tick(context));

  return {
    clock,
    addAccount: (seed) => accounts.addAccount(context, seed),
    getAccount: (accountSid) => context.accounts.get(accountSid),
    accounts: () => [...context.accounts.values()],
    createApiKey: (account, seed) => accounts.createApiKey(context, account, seed),
    getApiKey: (key) => accounts.getApiKey(context, key),
    updateApiKey: (key, update) => accounts.updateApiKey(context, key, update),
    deleteApiKey: (key) => accounts.deleteApiKey(context, key),
    lookupApiKey: (keySid) => context.apiKeys.get(keySid),
    authenticate: (credentials) => accounts.authenticate(context, credentials),
    createRoom: (account, roomOptions, createdMethod) =>
      rooms.createRoom(context, account, roomOptions, createdMethod),
    findRoom: (room) => findRoom(context, room),
    getRoom: (room) => requireRoom(context, room),
    listRooms: (account, filter) => rooms.listRooms(context, account, filter),
    completeRoom: (room) => rooms.completeRoom(context, room),
    connectParticipant: (room, connect) => participants.connectParticipant(context, room, connect),
    getParticipant: (participant) => participants.getParticipant(context, participant),
    listParticipants: (room, filter) => participants.listParticipants(context, room, filter),
    disconnectParticipant: (participant, reason) =>
      participants.disconnectParticipant(context, participant, reason),
    anonymizeParticipant: (participant) => participants.anonymizeParticipant(context, participant),
    publishTrack: (participant, track) => tracks.publishTrack(context, participant, track),
    unpublishTrack: (track) => tracks.unpublishTrack(context, track),
    setTrackEnabled: (track, enabled) => tracks.setTrackEnabled(context, track, enabled),
    setTrackPriority: (track, priority) => setTrackPriority(context, track, priority),
    getSubscribeRules: (participant) => rules.getSubscribeRules(context, participant),
    updateSubscribeRules: (participant, update) => rules.updateSubscribeRules(context, participant, update),
    updateRecordingRules: (room, update) => rules.updateRecordingRules(context, room, update),
    isRecording: (room) => isRoomRecording(context, requireRoom(context, room)),
    getRecording: (recording) => recordingResources.requireRecording(context, recording),
    listRecordings: (account, filter) => recordingResources.listRecordings(context, account, filter),
    finishRecording: (recording, outcome) => recordingResources.finishRecording(context, recording, outcome),
    deleteRecording: (recording) => recordingResources.deleteRecording(context, recording),
    createComposition: (account, create) => compositions.createComposition(context, account, create),
    getComposition: (composition) => compositions.requireComposition(context, composition),
    listCompositions: (account, filter) => compositions.listCompositions(context, account, filter),
    compositionSources: (room) => compositions.recordingsOf(context, requireRoom(context, room)),
    startComposition: (composition) => compositions.startComposition(context, composition),
    reportCompositionProgress: (composition, progress) =>
      compositions.reportCompositionProgress(context, composition, progress),
    finishComposition: (composition, outcome) =>
      compositions.finishComposition(context, composition, outcome),
    deleteComposition: (composition) => compositions.deleteComposition(context, composition),
    getMediaSettings: (ref) => settings.getMediaSettings(context, ref),
    updateMediaSettings: (ref, update) => settings.updateMediaSettings(context, ref, update),
    createCompositionHook: (account, hook) => hooks.createCompositionHook(context, account, hook),
    getCompositionHook: (hook) => hooks.getCompositionHook(context, hook),
    updateCompositionHook: (hook, update) => hooks.updateCompositionHook(context, hook, update),
    deleteCompositionHook: (hook) => hooks.deleteCompositionHook(context, hook),
    listCompositionHooks: (account, filter) => hooks.listCompositionHooks(context, account, filter),
    createTranscription: (room, create) => transcriptions.createTranscription(context, room, create),
    getTranscription: (ref) => transcriptions.getTranscription(context, ref),
    listTranscriptions: (room) => transcriptions.listTranscriptions(context, room),
    updateTranscription: (ref, update) => transcriptions.updateTranscription(context, ref, update),
    transcribe: (participant, spoken) => transcribeSpeech(context, participant, spoken),
    setNetworkQualityLevel: (participant, level) => setNetworkQualityLevel(context, participant, level),
    reportNetworkQuality: (participant, levels) => reportNetworkQuality(context, participant, levels),
    setNetworkConditions: (participant, conditions) => setNetworkConditions(context, participant, conditions),
    setDominantSpeaker: (room, setting) => setDominantSpeaker(context, room, setting),
    storeBandwidthProfile: (account, input) => storeBandwidthProfile(context, account, input),
    defaultBandwidthProfile: (account) => defaultBandwidthProfile(context, account),
    recordTrackSwitch: (subscriber, change) => recordTrackSwitch(context, subscriber, change),
    reportCodec: (participant, codec) => reportCodec(context, participant, codec),
    tick: () => tick(context),
    nextDeadline: () => context.deadlines.peek()?.at,
    snapshot: (accountSid) => state.snapshot(context, accountSid),
    restore: (saved, accountSid) => state.restore(context, saved, accountSid),
    clearRooms: (accountSid) => state.clearRooms(context, accountSid),
    savepoint: () => savepoint(context),
    retention: () => ({ ...context.retention }),
    setRetention: (retention) => setRetention(context, retention),
    events: (after) => context.log.events(after),
    subscribe: (listener) => context.log.subscribe(listener),
    dispose() {
      stopFollowingClock();
      context.log.dispose();
    },
  };
}
