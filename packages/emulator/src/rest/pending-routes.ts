import { TwilioError } from '@roomlab/core';
import { listPage } from './list-page.js';
import type { Route, RouteContext } from './route.js';

/**
 * Recordings and compositions exist as routes (so the `twilio` client never meets an
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
    template: '/v1/Recordings',
    operationId: 'ListRecording',
    handle: emptyList('recordings', 100),
  },
  { method: 'GET', template: '/v1/Recordings/{Sid}', operationId: 'FetchRecording', handle: notFound },
  { method: 'DELETE', template: '/v1/Recordings/{Sid}', operationId: 'DeleteRecording', handle: notFound },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Recordings',
    operationId: 'ListRoomRecording',
    handle: emptyList('recordings', 100),
  },
  {
    method: 'GET',
    template: '/v1/Rooms/{RoomSid}/Recordings/{Sid}',
    operationId: 'FetchRoomRecording',
    handle: notFound,
  },
  {
    method: 'DELETE',
    template: '/v1/Rooms/{RoomSid}/Recordings/{Sid}',
    operationId: 'DeleteRoomRecording',
    handle: notFound,
  },
  {
    method: 'GET',
    template: '/v1/Compositions',
    operationId: 'ListComposition',
    handle: emptyList('compositions', 100),
  },
  {
    method: 'POST',
    template: '/v1/Compositions',
    operationId: 'CreateComposition',
    handle: notYetEmulated('Composition'),
  },
  { method: 'GET', template: '/v1/Compositions/{Sid}', operationId: 'FetchComposition', handle: notFound },
  {
    method: 'DELETE',
    template: '/v1/Compositions/{Sid}',
    operationId: 'DeleteComposition',
    handle: notFound,
  },
];
