import { type ApiKey, type ApiKeyRecord, type NewApiKey, rfc2822Date, TwilioError } from '@roomlab/core';
import { page2010 } from './pagination.js';
import { invalidParameter } from './params.js';
import { json, type Route, type RouteContext } from './route.js';

/**
 * The API Keys resource of api.twilio.com (2010-04-01), so `client.newKeys.create()` gives a key and
 * secret that roomlab then accepts for REST and access tokens. As on Twilio, keys are managed with the
 * account's own credentials: an API key cannot list, make or delete keys.
 */

function keyResource(key: ApiKeyRecord): ApiKey {
  return {
    sid: key.sid,
    friendly_name: key.friendlyName,
    date_created: rfc2822Date(key.dateCreated),
    date_updated: rfc2822Date(key.dateUpdated),
  };
}

/** The account named in the path must be the caller's, signed in with its auth token. */
function account(context: RouteContext): string {
  if (context.authenticatedWith === 'api-key') {
    throw new TwilioError(
      20003,
      'Authentication Error - API keys cannot manage API keys; use the account SID and auth token',
    );
  }
  if (context.pathParams.AccountSid !== context.accountSid) {
    throw new TwilioError(20404, `The requested resource ${context.path.slice(0, 256)} was not found`);
  }
  return context.accountSid;
}

function friendlyName(context: RouteContext): string | undefined {
  const name = context.params.string('FriendlyName');
  if (name !== undefined && name.length > 64)
    throw invalidParameter('FriendlyName', 'it may have at most 64 characters');
  return name;
}

export const keyRoutes: Route[] = [
  {
    method: 'POST',
    template: '/2010-04-01/Accounts/{AccountSid}/Keys.json',
    operationId: 'CreateNewKey',
    handle(context) {
      const key = context.engine.createApiKey(
        { accountSid: account(context) },
        { friendlyName: friendlyName(context) },
      );
      const created: NewApiKey = { ...keyResource(key), secret: key.secret };
      return json(201, created);
    },
  },
  {
    method: 'GET',
    template: '/2010-04-01/Accounts/{AccountSid}/Keys.json',
    operationId: 'ListKey',
    handle(context) {
      const keys = [...(context.engine.getAccount(account(context))?.apiKeys.values() ?? [])];
      const request = {
        base: context.base,
        path: context.path,
        params: context.params,
        key: 'keys',
        filters: [],
      };
      return json(200, page2010(request, keys, keyResource));
    },
  },
  {
    method: 'GET',
    template: '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
    operationId: 'FetchKey',
    handle: (context) =>
      json(
        200,
        keyResource(
          context.engine.getApiKey({ accountSid: account(context), keySid: context.pathParams.Sid ?? '' }),
        ),
      ),
  },
  {
    method: 'POST',
    template: '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
    operationId: 'UpdateKey',
    handle(context) {
      const key = context.engine.updateApiKey(
        { accountSid: account(context), keySid: context.pathParams.Sid ?? '' },
        {
          friendlyName: friendlyName(context),
        },
      );
      return json(200, keyResource(key));
    },
  },
  {
    method: 'DELETE',
    template: '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
    operationId: 'DeleteKey',
    handle(context) {
      context.engine.deleteApiKey({ accountSid: account(context), keySid: context.pathParams.Sid ?? '' });
      return { status: 204 };
    },
  },
];
