import {
  type ListParticipantsFilter,
  type ListRoomsFilter,
  type ParticipantRef,
  type ParticipantStatus,
  participantRefOf,
  type RoomRef,
  type RoomStatus,
  subscribedTracksOf,
  TwilioError,
} from '@roomlab/core';
import { enumParam } from './enum-param.js';
import { listPage } from './list-page.js';
import {
  anonymizeResource,
  participantResource,
  publishedTrackResource,
  recordingRulesResource,
  roomResource,
  subscribedTrackResource,
  subscribeRulesResource,
} from './resources.js';
import { json, type Route, type RouteContext } from './route.js';

/** Twilio's Video v1 REST API (video.twilio.com): rooms, participants, tracks and rules. */

/** Twilio's DateCreatedAfter/DateCreatedBefore list filters, which rooms and participants share. */
const createdParams = ['DateCreatedAfter', 'DateCreatedBefore'];
const createdFilter = (context: RouteContext) => ({
  dateCreatedAfter: context.params.date('DateCreatedAfter'),
  dateCreatedBefore: context.params.date('DateCreatedBefore'),
});

/** The room a path names: `/Rooms/{Sid}` or `/Rooms/{RoomSid}/...`. */
const roomRef = (context: RouteContext): RoomRef => ({
  accountSid: context.accountSid,
  room: context.pathParams.RoomSid ?? context.pathParams.Sid ?? '',
});

/** The participant a path names: `/Participants/{Sid}` or `/Participants/{ParticipantSid}/...`. */
export const participantRef = (
  context: RouteContext,
  sidParam: 'Sid' | 'ParticipantSid',
): ParticipantRef => ({
  ...roomRef(context),
  participant: context.pathParams[sidParam] ?? '',
});

const room = (context: RouteContext) => context.engine.getRoom(roomRef(context));

const participantOf = (context: RouteContext, sidParam: 'Sid' | 'ParticipantSid') =>
  context.engine.getParticipant(participantRef(context, sidParam));

export const videoRoutes: Route[] = [
  {
    method: 'POST',
    template: '/v1/Rooms',
    operationId: 'CreateRoom',
    handle(context) {
      const { params } = context;
      const created = context.engine.createRoom(
        { accountSid: context.accountSid },
        {
          type: params.string('Type'),
          // Twilio takes an empty UniqueName (`UniqueName=`) as none: the room is named by its SID.
          uniqueName: params.string('UniqueName') || undefined,
          statusCallback: params.string('StatusCallback'),
          statusCallbackMethod: params.string('StatusCallbackMethod'),
          maxParticipants: params.integer('MaxParticipants'),
          recordParticipantsOnConnect: params.boolean('RecordParticipantsOnConnect'),
          transcribeParticipantsOnConnect: params.boolean('TranscribeParticipantsOnConnect'),
          transcriptionsConfiguration: params.json('TranscriptionsConfiguration'),
          videoCodecs: params.list('VideoCodecs'),
          mediaRegion: params.string('MediaRegion'),
          recordingRules: params.json('RecordingRules'),
          audioOnly: params.boolean('AudioOnly'),
          maxParticipantDuration: params.integer('MaxParticipantDuration'),
          emptyRoomTimeout: params.integer('EmptyRoomTimeout'),
          unusedRoomTimeout: params.integer('UnusedRoomTimeout'),
          largeRoom: params.boolean('LargeRoom'),
          enableTurn: params.boolean('EnableTurn'),
        },
      );
      return json(201, roomResource(created, context.base));
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms',
    operationId: 'ListRoom',
    handle(context) {
      const filter: ListRoomsFilter = {
        status: enumParam<RoomStatus>(context, 'Status', ['in-progress', 'completed', 'failed']),
        uniqueName: context.params.string('UniqueName'),
        ...createdFilter(context),
      };
      return listPage(
        context,
        { key: 'rooms', filters: ['Status', 'UniqueName', ...createdParams] },
        context.engine.listRooms({ accountSid: context.accountSid }, filter),
        (item) => roomResource(item, context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{Sid}',
    operationId: 'FetchRoom',
    handle: (context) => json(200, roomResource(room(context), context.base)),
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{Sid}',
    operationId: 'UpdateRoom',
    handle(context) {
      const status = context.params.string('Status');
      if (status === undefined)
        throw new TwilioError(20001, 'Missing required parameter Status in the post body');
      if (status !== 'completed')
        throw new TwilioError(
          53112,
          `Status is invalid: a room can only be updated to "completed", not "${status.slice(0, 64)}"`,
        );
      const completed = context.engine.completeRoom(roomRef(context));
      return json(202, roomResource(completed, context.base));
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants',
    operationId: 'ListRoomParticipant',
    handle(context) {
      const filter: ListParticipantsFilter = {
        status: enumParam<ParticipantStatus>(context, 'Status', ['connected', 'disconnected']),
        identity: context.params.string('Identity'),
        ...createdFilter(context),
      };
      return listPage(
        context,
        { key: 'participants', filters: ['Status', 'Identity', ...createdParams] },
        context.engine.listParticipants(roomRef(context), filter),
        (item) => participantResource(item, context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{Sid}',
    operationId: 'FetchRoomParticipant',
    handle: (context) => json(200, participantResource(participantOf(context, 'Sid'), context.base)),
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Participants/{Sid}',
    operationId: 'UpdateRoomParticipant',
    handle(context) {
      const status = context.params.string('Status');
      if (status !== undefined && status !== 'disconnected') {
        throw new TwilioError(
          53209,
          `Participant status is invalid: a participant can only be updated to "disconnected", not "${status.slice(0, 64)}"`,
        );
      }
      const target = participantOf(context, 'Sid');
      const updated =
        status === 'disconnected' ? context.engine.disconnectParticipant(participantRefOf(target)) : target;
      return json(202, participantResource(updated, context.base));
    },
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize',
    operationId: 'UpdateRoomParticipantAnonymize',
    handle(context) {
      const target = participantOf(context, 'Sid');
      return json(
        200,
        anonymizeResource(context.engine.anonymizeParticipant(participantRefOf(target)), context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks',
    operationId: 'ListRoomParticipantPublishedTrack',
    handle(context) {
      const participant = participantOf(context, 'ParticipantSid');
      return listPage(
        context,
        { key: 'published_tracks' },
        [...participant.publishedTracks.values()],
        (track) => publishedTrackResource(track, context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}',
    operationId: 'FetchRoomParticipantPublishedTrack',
    handle(context) {
      const participant = participantOf(context, 'ParticipantSid');
      const sid = context.pathParams.Sid ?? '';
      const track =
        participant.publishedTracks.get(sid) ??
        [...participant.publishedTracks.values()].find((t) => t.name === sid);
      if (!track) throw new TwilioError(20404, `The requested resource ${context.path} was not found`);
      return json(200, publishedTrackResource(track, context.base));
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks',
    operationId: 'ListRoomParticipantSubscribedTrack',
    handle(context) {
      const current = subscriptionsOf(context).map((item) => ({ sid: item.track.sid, ...item }));
      return listPage(context, { key: 'subscribed_tracks' }, current, (item) =>
        subscribedTrackResource(item.subscription, item.track, context.base),
      );
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}',
    operationId: 'FetchRoomParticipantSubscribedTrack',
    handle(context) {
      const item = subscriptionsOf(context).find(({ track }) => track.sid === context.pathParams.Sid);
      if (!item) throw new TwilioError(20404, `The requested resource ${context.path} was not found`);
      return json(200, subscribedTrackResource(item.subscription, item.track, context.base));
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules',
    operationId: 'FetchRoomParticipantSubscribeRule',
    handle(context) {
      return json(
        200,
        subscribeRulesResource(context.engine.getSubscribeRules(participantRef(context, 'ParticipantSid'))),
      );
    },
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules',
    operationId: 'UpdateRoomParticipantSubscribeRule',
    handle(context) {
      if (!context.params.has('Rules'))
        throw new TwilioError(53215, 'Invalid Subscribe Rule(s): the Rules parameter is missing');
      const rules = context.params.json('Rules');
      const updated = context.engine.updateSubscribeRules(participantRef(context, 'ParticipantSid'), rules);
      return json(200, subscribeRulesResource(updated));
    },
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/RecordingRules',
    operationId: 'FetchRoomRecordingRule',
    handle: (context) => json(200, recordingRulesResource(room(context))),
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/RecordingRules',
    operationId: 'UpdateRoomRecordingRule',
    handle(context) {
      if (!context.params.has('Rules'))
        throw new TwilioError(53120, 'Invalid Recording Rule(s): the Rules parameter is missing');
      const rules = context.params.json('Rules');
      return json(200, recordingRulesResource(context.engine.updateRecordingRules(roomRef(context), rules)));
    },
  },
];

/** The path's participant's subscriptions (`subscribedTracksOf`). */
function subscriptionsOf(context: RouteContext) {
  const participant = participantOf(context, 'ParticipantSid');
  const roomRecord = context.engine.getRoom({ accountSid: context.accountSid, room: participant.roomSid });
  return subscribedTracksOf(roomRecord, participant);
}
