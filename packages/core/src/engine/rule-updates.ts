import { TwilioError } from '../errors.js';
import type { ParticipantSubscribeRules } from './engine-api.js';
import type { EngineContext } from './engine-context.js';
import { participantNotConnected, roomCompleted } from './engine-errors.js';
import type { ParticipantRef, RoomRef } from './engine-refs.js';
import { participantSnapshot } from './event-snapshots.js';
import { requireParticipantBySid, requireRoom } from './lookup.js';
import { reconcileRoomRecordings, recordingNotSupported, roomCanRecord } from './recordings.js';
import type { ParticipantRecord, RoomRecord } from './records.js';
import { parseRules } from './rules.js';
import { reconcileSubscriber } from './subscriptions.js';

/** Subscribe rules (per participant) and recording rules (per room), read and replaced. */

const subscribeRulesOf = (participant: ParticipantRecord): ParticipantSubscribeRules => ({
  participantSid: participant.sid,
  roomSid: participant.roomSid,
  rules: participant.subscribeRules,
  dateCreated: participant.subscribeRulesDateUpdated === null ? null : participant.dateCreated,
  dateUpdated: participant.subscribeRulesDateUpdated,
});

export function getSubscribeRules(context: EngineContext, ref: ParticipantRef): ParticipantSubscribeRules {
  return subscribeRulesOf(requireParticipantBySid(context, ref).participant);
}

export function updateSubscribeRules(
  context: EngineContext,
  ref: ParticipantRef,
  rules: unknown,
): ParticipantSubscribeRules {
  const { room, participant } = requireParticipantBySid(context, ref);
  if (room.type === 'peer-to-peer' || room.type === 'go')
    throw new TwilioError(53117, `Subscribe rules are not supported for ${room.type} rooms`);
  const parsed = parseRules(rules, 'subscribe');
  if (room.status !== 'in-progress') throw roomCompleted(room);
  if (participant.status !== 'connected') throw participantNotConnected(room, participant.sid);
  participant.subscribeRules = parsed;
  participant.subscribeRulesDateUpdated = context.clock.now();
  context.log.emit('subscribe-rules-updated', room, { participant: participantSnapshot(participant) });
  reconcileSubscriber(context, room, participant);
  return subscribeRulesOf(participant);
}

export function updateRecordingRules(context: EngineContext, ref: RoomRef, rules: unknown): RoomRecord {
  const room = requireRoom(context, ref);
  if (!roomCanRecord(room)) throw recordingNotSupported(room);
  const parsed = parseRules(rules, 'recording');
  if (room.status !== 'in-progress') throw roomCompleted(room);
  room.recordingRules = parsed;
  room.recordingRulesDateUpdated = context.clock.now();
  context.log.emit('recording-rules-updated', room);
  reconcileRoomRecordings(context, room);
  return room;
}
