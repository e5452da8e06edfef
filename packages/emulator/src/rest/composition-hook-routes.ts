import {
  type CompositionHook,
  type CompositionHookOptions,
  type CompositionHookRecord,
  type CompositionHookRef,
  type ListCompositionHooksFilter,
  TwilioError,
  twilioDate,
} from '@roomlab/core';
import { validateCompositionFormatFields } from './composition-format-fields.js';
import { compositionFields } from './composition-resources.js';
import { listPage } from './list-page.js';
import type { Params } from './params.js';
import { json, type Route, type RouteContext } from './route.js';

/**
 * `/v1/CompositionHooks`: an account's templates for the compositions made when its rooms complete.
 * Create answers 201, update 200 (it replaces every field: Twilio does no partial update), delete 204.
 */

function hookResource(hook: CompositionHookRecord, base: string): CompositionHook {
  return {
    account_sid: hook.accountSid,
    friendly_name: hook.friendlyName,
    enabled: hook.enabled,
    date_created: twilioDate(hook.dateCreated),
    date_updated: hook.dateUpdated === null ? null : twilioDate(hook.dateUpdated),
    sid: hook.sid,
    ...compositionFields(hook),
    url: `${base}/v1/CompositionHooks/${hook.sid}`,
  };
}

/** A create's or an update's parameters (the two take the same ones, FriendlyName required). */
function hookOptions(context: RouteContext): CompositionHookOptions {
  const { params } = context;
  const friendlyName = params.string('FriendlyName');
  if (friendlyName === undefined)
    throw new TwilioError(20001, 'Missing required parameter FriendlyName in the post body');
  return {
    friendlyName,
    enabled: params.boolean('Enabled'),
    ...validateCompositionFormatFields(params),
    audioSources: params.list('AudioSources'),
    audioSourcesExcluded: params.list('AudioSourcesExcluded'),
    trim: params.boolean('Trim'),
    statusCallback: params.string('StatusCallback'),
    statusCallbackMethod: params.string('StatusCallbackMethod'),
  };
}

const hookRef = (context: RouteContext): CompositionHookRef => ({
  accountSid: context.accountSid,
  hookSid: context.pathParams.Sid ?? '',
});

const createdParams = ['DateCreatedAfter', 'DateCreatedBefore'];

const listFilter = (params: Params): ListCompositionHooksFilter => ({
  enabled: params.boolean('Enabled'),
  friendlyName: params.string('FriendlyName'),
  dateCreatedAfter: params.date('DateCreatedAfter'),
  dateCreatedBefore: params.date('DateCreatedBefore'),
});

const answer = (context: RouteContext, status: number, hook: CompositionHookRecord) =>
  json(status, hookResource(hook, context.base));

export const compositionHookRoutes: Route[] = [
  {
    method: 'GET',
    template: '/v1/CompositionHooks',
    operationId: 'ListCompositionHook',
    handle: (context) =>
      listPage(
        context,
        { key: 'composition_hooks', filters: ['Enabled', 'FriendlyName', ...createdParams] },
        context.engine.listCompositionHooks({ accountSid: context.accountSid }, listFilter(context.params)),
        (hook) => hookResource(hook, context.base),
      ),
  },
  {
    method: 'POST',
    template: '/v1/CompositionHooks',
    operationId: 'CreateCompositionHook',
    handle: (context) =>
      answer(
        context,
        201,
        context.engine.createCompositionHook({ accountSid: context.accountSid }, hookOptions(context)),
      ),
  },
  {
    method: 'GET',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'FetchCompositionHook',
    handle: (context) => answer(context, 200, context.engine.getCompositionHook(hookRef(context))),
  },
  {
    method: 'POST',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'UpdateCompositionHook',
    handle(context) {
      // A missing hook is 20404 before its parameters are read, as a fetch would say.
      const ref = hookRef(context);
      context.engine.getCompositionHook(ref);
      return answer(context, 200, context.engine.updateCompositionHook(ref, hookOptions(context)));
    },
  },
  {
    method: 'DELETE',
    template: '/v1/CompositionHooks/{Sid}',
    operationId: 'DeleteCompositionHook',
    handle(context) {
      context.engine.deleteCompositionHook(hookRef(context));
      return { status: 204 };
    },
  },
];
