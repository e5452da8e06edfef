import { json, type Route, type RouteContext, type RouteResult } from './route.js';

/**
 * The routes of one media resource instance, as Twilio serves recordings and compositions: fetch it,
 * delete it (204), and its `/Media` redirect (which Twilio documents outside the spec).
 */
export function instanceRoutes(instance: {
  /** e.g. `/v1/Recordings/{Sid}`. */
  template: string;
  /** The spec's operation name, e.g. `Recording` for FetchRecording and DeleteRecording. */
  operation: string;
  fetch(context: RouteContext): unknown;
  remove(context: RouteContext): void;
  media(context: RouteContext): RouteResult;
}): Route[] {
  return [
    {
      method: 'GET',
      template: instance.template,
      operationId: `Fetch${instance.operation}`,
      handle: (context) => json(200, instance.fetch(context)),
    },
    {
      method: 'DELETE',
      template: instance.template,
      operationId: `Delete${instance.operation}`,
      handle(context) {
        instance.remove(context);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: `${instance.template}/Media`,
      operationId: `Fetch${instance.operation}Media`,
      source: 'docs',
      handle: instance.media,
    },
  ];
}
