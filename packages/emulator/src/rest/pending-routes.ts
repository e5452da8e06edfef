import { TwilioError } from '@roomlab/core';
import { listPage } from './list-page.js';
import type { Route, RouteContext } from './route.js';

/**
 * Recordings, compositions and transcriptions exist as routes (so the `twilio` client never meets an
 * unknown path) and answer truthfully for what roomlab does not record yet: lists are empty, single
 * resources are not found, and writes answer 503/20503 saying the feature is not emulated yet.
 */
const notYetEmulated = (what: string) => () => {
  throw new TwilioError(20503, `${what} is not emulated by roomlab yet`);
};

const notFound = (context: RouteContext) => {
  if (context.pathParams.RoomSid !== undefined)
    context.engine.getRoom({ accountSid: context.accountSid, room: context.pathParams.RoomSid });
  throw new TwilioError(20404, `The requested resource ${context.path} was not found`);
};

const emptyList = (key: string, maxPageSize: number) => (context: RouteContext) => {
  if (context.pathParams.RoomSid !== undefined)
    context.engine.getRoom({ accountSid: context.accountSid, room: context.pathParams.RoomSid });
  return listPage(context, { key, maxPageSize }, [] as { sid: string }[], (item) => item);
};

export const pendingRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/RecordingSettings/Default',
    operationId: 'FetchRecordingSettings',
    handle: notYetEmulated('Recording settings'),
  },
  {
    method: 'POST',
    template: '/v1/RecordingSettings/Default',
    operationId: 'CreateRecordingSettings',
    handle: notYetEmulated('Recording settings'),
  },
  {
    method: 'GET',
    template: '/v1/CompositionHooks',
    operationId: 'ListCompositionHook',
    handle: emptyList('composition_hooks', 100),
  },
  {
    method: 'POST',
    template: '/v1/CompositionHooks',
    operationId: 'CreateCompositionHook',
    handle: notYetEmulated('Composition hooks'),
  },
  {
    method: 'GET',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'FetchCompositionHook',
    handle: notFound,
  },
  {
    method: 'POST',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'UpdateCompositionHook',
    handle: notFound,
  },
  {
    method: 'DELETE',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'DeleteCompositionHook',
    handle: notFound,
  },
  {
    method: 'GET',
    template: '/v1/CompositionSettings/Default',
    operationId: 'FetchCompositionSettings',
    handle: notYetEmulated('Composition settings'),
  },
  {
    method: 'POST',
    template: '/v1/CompositionSettings/Default',
    operationId: 'CreateCompositionSettings',
    handle: notYetEmulated('Composition settings'),
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Transcriptions',
    operationId: 'ListRoomTranscriptions',
    handle: emptyList('transcriptions', 1000),
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Transcriptions',
    operationId: 'CreateRoomTranscriptions',
    handle: notYetEmulated('Transcriptions'),
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}',
    operationId: 'FetchRoomTranscriptions',
    handle: notFound,
  },
  {
    method: 'POST',
    template: '/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}',
    operationId: 'UpdateRoomTranscriptions',
    handle: notFound,
  },
];
