import type { ApiOperationSpec, ApiParameter, ApiPathItem, ApiSpec, ApiSpecs } from './api-spec.js';
import { camelCase, kebabCase } from './naming-conventions.js';

export type ApiAction = 'create' | 'fetch' | 'list' | 'update' | 'remove';
export type ApiMethod = 'get' | 'post' | 'delete';

/** One `roomlab api:*` command: a method on a path of a vendored spec, named as the twilio CLI names it. */
export interface ApiOperation {
  /** `api:video:v1:rooms:create` */
  id: string;
  /** `api:video:v1:rooms` */
  topic: string;
  action: ApiAction;
  /** The twilio CLI's domain: `video`, `insights`, or `api` (v2010, whose topic is `core`). */
  domain: string;
  spec: ApiSpec;
  path: string;
  method: ApiMethod;
  description: string;
  /** The path's description: what its topic is about. */
  topicDescription: string;
  /** Path and query parameters, and the request body's fields (which the CLI treats alike). */
  parameters: ApiParameter[];
  /** What `--properties` shows by default: Twilio's defaultOutputProperties, camel-cased, else `sid`. */
  defaultProperties: string;
}

// The twilio CLI's rule: a list path's GET lists and POST creates; an instance path's GET fetches, POST
// updates, DELETE removes (and a list path that also deletes is treated as an instance).
const actions: Record<'list' | 'instance', Partial<Record<ApiMethod, ApiAction>>> = {
  list: { get: 'list', post: 'create' },
  instance: { delete: 'remove', get: 'fetch', post: 'update' },
};
const methods: ApiMethod[] = ['post', 'get', 'delete'];

/** `video` + `/v1/Rooms/{RoomSid}/Participants` → `api:video:v1:rooms:participants`; v2010 is `core`. */
export function topicName(domain: string, path: string): string {
  const resource = path
    .replace(/\.json$/, '')
    .replace(/\/{.+?}/g, '')
    .replace(/\/+/g, ':');
  const topic = (domain + kebabCase(resource))
    .replace(/api:2010-04-01:accounts(?=:)/, 'core')
    .replace(/api:2010-04-01/, 'core');
  return `api:${topic}`;
}

function actionOf(pathItem: ApiPathItem, method: ApiMethod): ApiAction | undefined {
  const pathType = pathItem['x-twilio']?.pathType;
  if (!pathType) return undefined;
  const action = actions[pathType][method];
  return action !== 'create' && pathType === 'list' && pathItem.delete ? actions.instance[method] : action;
}

/** The request body's fields become parameters "in query", as the twilio CLI flattens them. */
function parametersOf(operation: ApiOperationSpec): ApiParameter[] {
  const bodyFields = Object.values(operation.requestBody?.content ?? {}).flatMap(({ schema }) =>
    Object.entries(schema.properties ?? {}).map(
      ([name, field]): ApiParameter => ({
        name,
        in: 'query',
        required: (schema.required ?? []).includes(name),
        description: field.description,
        schema: field,
      }),
    ),
  );
  return [...(operation.parameters ?? []), ...bodyFields];
}

/** What the twilio CLI says of an operation the spec does not describe: "list multiple Rooms resources". */
function descriptionOf(operation: ApiOperationSpec, action: ApiAction, path: string): string {
  if (operation.description) return operation.description.trim();
  const segments = path
    .replace(/\.json$/, '')
    .replace(/\/{.+?}/g, '')
    .split('/');
  const resource = (segments.at(-1) ?? '').replace(/^[a-z]/, (first) => first.toUpperCase());
  if (action === 'list') return `list multiple ${resource} resources`;
  return `${action} ${/^[AEIOU]/.test(resource) ? 'an' : 'a'} ${resource} resource`;
}

function operationsOfPath(
  domain: string,
  spec: ApiSpec,
  path: string,
  pathItem: ApiPathItem,
): ApiOperation[] {
  const topic = topicName(domain, path);
  const defaults = pathItem['x-twilio']?.defaultOutputProperties ?? [];
  return methods.flatMap((method) => {
    const operation = pathItem[method];
    const action = operation && actionOf(pathItem, method);
    if (!operation || !action) return [];
    return [
      {
        id: `${topic}:${action}`,
        topic,
        action,
        domain,
        spec,
        path,
        method,
        description: descriptionOf(operation, action, path),
        topicDescription: (pathItem.description ?? '').replace(/\r\n|\n|\r/g, ' '),
        parameters: parametersOf(operation),
        defaultProperties: defaults.map(camelCase).join(',') || 'sid',
      },
    ];
  });
}

/** Every operation of the specs, in the specs' order. */
export function apiOperations(specs: ApiSpecs): ApiOperation[] {
  return Object.entries(specs).flatMap(([domain, spec]) =>
    Object.entries(spec.paths).flatMap(([path, pathItem]) => operationsOfPath(domain, spec, path, pathItem)),
  );
}
