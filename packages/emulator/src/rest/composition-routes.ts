import {
  type CompositionRef,
  type CompositionStatus,
  type CreateCompositionOptions,
  TwilioError,
} from '@roomlab/core';
import { validateCompositionFormatFields } from './composition-format-fields.js';
import { compositionResource } from './composition-resources.js';
import { enumParam } from './enum-param.js';
import { instanceRoutes } from './instance-routes.js';
import { listPage } from './list-page.js';
import { mediaRedirect } from './media-redirect.js';
import { json, type Route, type RouteContext } from './route.js';

/** Compositions: created from a finished room's recordings, listed, fetched, deleted, and their media. */

const statuses: readonly CompositionStatus[] = ['enqueued', 'processing', 'completed', 'deleted', 'failed'];

const compositionRef = (context: RouteContext): CompositionRef => ({
  accountSid: context.accountSid,
  composition: context.pathParams.Sid ?? '',
});

/**
 * CreateComposition's (and a hook's) media parameters, checked as Twilio checks them: the layout is
 * Twilio's region JSON, the resolution within its limits, the format mp4 or webm, and either a layout
 * or audio sources must be given.
 */
export function compositionParameters(context: RouteContext) {
  const { params } = context;
  const fields = validateCompositionFormatFields(params);
  const audioSources = params.list('AudioSources');
  if (fields.videoLayout === undefined && (audioSources === undefined || audioSources.length === 0))
    throw new TwilioError(20001, 'Invalid parameter: either VideoLayout or AudioSources must be given');
  return {
    ...fields,
    audioSources,
    audioSourcesExcluded: params.list('AudioSourcesExcluded'),
    trim: params.boolean('Trim'),
    statusCallback: params.string('StatusCallback'),
    statusCallbackMethod: params.string('StatusCallbackMethod'),
  } satisfies Omit<CreateCompositionOptions, 'roomSid'>;
}

export const compositionRoutes: Route[] = [
  {
    method: 'POST',
    template: '/v1/Compositions',
    operationId: 'CreateComposition',
    acceptsJson: true,
    handle(context) {
      const roomSid = context.params.string('RoomSid');
      if (roomSid === undefined || roomSid === '')
        throw new TwilioError(20001, 'Missing required parameter RoomSid in the post body');
      const created = context.engine.createComposition(
        { accountSid: context.accountSid },
        { roomSid, ...compositionParameters(context) },
      );
      return json(201, compositionResource(created, context.base));
    },
  },
  {
    method: 'GET',
    template: '/v1/Compositions',
    operationId: 'ListComposition',
    handle(context) {
      const items = context.engine.listCompositions(
        { accountSid: context.accountSid },
        {
          status: enumParam(context, 'Status', statuses),
          roomSid: context.params.string('RoomSid'),
          dateCreatedAfter: context.params.date('DateCreatedAfter'),
          dateCreatedBefore: context.params.date('DateCreatedBefore'),
        },
      );
      const filters = ['Status', 'RoomSid', 'DateCreatedAfter', 'DateCreatedBefore'];
      return listPage(context, { key: 'compositions', filters, maxPageSize: 100 }, items, (item) =>
        compositionResource(item, context.base),
      );
    },
  },
  ...instanceRoutes({
    template: '/v1/Compositions/{Sid}',
    operation: 'Composition',
    fetch: (context) =>
      compositionResource(context.engine.getComposition(compositionRef(context)), context.base),
    remove: (context) => context.engine.deleteComposition(compositionRef(context)),
    media(context) {
      const composition = context.engine.getComposition(compositionRef(context));
      return mediaRedirect(context, {
        target: { accountSid: composition.accountSid, kind: 'composition', sid: composition.sid },
        status: composition.status,
        fileName: `${composition.sid}.${composition.format}`,
      });
    },
  }),
];
