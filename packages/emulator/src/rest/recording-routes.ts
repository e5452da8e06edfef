import type { ListRecordingsFilter, RecordingRecord, RecordingRef, RecordingStatus } from '@roomlab/core';
import { enumParam } from './enum-param.js';
import { instanceRoutes } from './instance-routes.js';
import { listPage } from './list-page.js';
import { mediaRedirect } from './media-redirect.js';
import { recordingResource, roomRecordingResource } from './recording-resources.js';
import type { Route, RouteContext } from './route.js';

/** Track recordings: the account's list and the room's, fetched, deleted, and their media. */

const statuses: readonly RecordingStatus[] = ['processing', 'completed', 'deleted', 'failed'];

const recordingRef = (context: RouteContext): RecordingRef => ({
  accountSid: context.accountSid,
  recording: context.pathParams.Sid ?? '',
  ...(context.pathParams.RoomSid === undefined ? {} : { room: context.pathParams.RoomSid }),
});

function listFilter(context: RouteContext): ListRecordingsFilter {
  const { params } = context;
  return {
    status: enumParam(context, 'Status', statuses),
    sourceSid: params.string('SourceSid'),
    dateCreatedAfter: params.date('DateCreatedAfter'),
    dateCreatedBefore: params.date('DateCreatedBefore'),
  };
}

const listed = (context: RouteContext, filters: string[], items: RecordingRecord[], room: boolean) =>
  listPage(context, { key: 'recordings', filters, maxPageSize: 100 }, items, (item) =>
    room ? roomRecordingResource(item, context.base) : recordingResource(item, context.base),
  );

const commonFilters = ['Status', 'SourceSid', 'DateCreatedAfter', 'DateCreatedBefore'];

/** A recording's media: only a completed one has a file. */
function recordingMedia(context: RouteContext) {
  const recording = context.engine.getRecording(recordingRef(context));
  return mediaRedirect(context, {
    target: { accountSid: recording.accountSid, kind: 'recording', sid: recording.sid },
    status: recording.status,
    fileName: `${recording.sid}.${recording.containerFormat}`,
  });
}

export const recordingRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/Recordings',
    operationId: 'ListRecording',
    handle(context) {
      const filter: ListRecordingsFilter = {
        ...listFilter(context),
        groupingSids: context.params.list('GroupingSid'),
        mediaType: enumParam(context, 'MediaType', ['audio', 'video', 'data'] as const),
      };
      const items = context.engine.listRecordings({ accountSid: context.accountSid }, filter);
      return listed(context, [...commonFilters, 'GroupingSid', 'MediaType'], items, false);
    },
  },
  ...instanceRoutes({
    template: '/v1/Recordings/{Sid}',
    operation: 'Recording',
    fetch: (context) => recordingResource(context.engine.getRecording(recordingRef(context)), context.base),
    remove: (context) => context.engine.deleteRecording(recordingRef(context)),
    media: recordingMedia,
  }),
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Recordings',
    operationId: 'ListRoomRecording',
    handle(context) {
      const room = context.engine.getRoom({
        accountSid: context.accountSid,
        room: context.pathParams.RoomSid ?? '',
      });
      const items = context.engine.listRecordings(
        { accountSid: context.accountSid },
        { ...listFilter(context), roomSid: room.sid },
      );
      return listed(context, commonFilters, items, true);
    },
  },
  ...instanceRoutes({
    template: '/v1/Rooms/{RoomSid}/Recordings/{Sid}',
    operation: 'RoomRecording',
    fetch: (context) =>
      roomRecordingResource(context.engine.getRecording(recordingRef(context)), context.base),
    remove: (context) => context.engine.deleteRecording(recordingRef(context)),
    media: recordingMedia,
  }),
];
