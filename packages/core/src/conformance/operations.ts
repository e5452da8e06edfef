import { type OpenApiDocument, specDocuments } from './spec-documents.js';

/** One operation of Twilio's spec: its method, path template, and the schema of each response status. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The spec's path template, e.g. `/v1/Rooms/{Sid}`. */
  readonly path: string;
  /** `https://video.twilio.com` or `https://insights.twilio.com`. */
  readonly server: string;
  /** Response schemas by HTTP status; `null` for a response with no body (204). */
  readonly responses: Readonly<Record<string, unknown | null>>;
  readonly pattern: RegExp;
}

const methods = ['get', 'post', 'delete'] as const;

function operationsOf(document: OpenApiDocument, pathFilter: (path: string) => boolean): SpecOperation[] {
  const server = document.servers?.[0]?.url ?? '';
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!pathFilter(path)) continue;
    const itemServer = (item.servers as { url: string }[] | undefined)?.[0]?.url ?? server;
    for (const method of methods) {
      const operation = item[method] as
        | { operationId: string; responses: Record<string, unknown> }
        | undefined;
      if (!operation) continue;
      const responses: Record<string, unknown | null> = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
        responses[status] = content?.['application/json']?.schema ?? null;
      }
      const pattern = new RegExp(`^${path.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+?')}$`);
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase() as SpecOperation['method'],
        path,
        server: itemServer,
        responses,
        pattern,
      });
    }
  }
  return operations;
}

/** The 39 operations of Twilio Video v1. */
export const videoOperations: readonly SpecOperation[] = operationsOf(specDocuments.video, () => true);

/** Insights' video room and participant summaries (the rest of the Insights spec is voice). */
export const insightsVideoOperations: readonly SpecOperation[] = operationsOf(
  specDocuments.insights,
  (path) => path.startsWith('/v1/Video/'),
);

/** The API Keys operations of api.twilio.com (2010-04-01), for `client.newKeys` and `client.keys`. */
export const apiKeyOperations: readonly SpecOperation[] = operationsOf(specDocuments.api, () => true);

export const specOperations: readonly SpecOperation[] = [
  ...videoOperations,
  ...insightsVideoOperations,
  ...apiKeyOperations,
];

/** The spec operation a request addresses, by method, host and path (query ignored). */
export function findOperation(method: string, url: string | URL): SpecOperation | undefined {
  const { hostname, pathname } = typeof url === 'string' ? new URL(url, 'https://video.twilio.com') : url;
  const upper = method.toUpperCase();
  const candidates = specOperations.filter(
    (operation) => operation.method === upper && operation.pattern.test(pathname),
  );
  // An emulator serves both APIs on one host, so the host only breaks ties between them.
  return candidates.find((operation) => new URL(operation.server).hostname === hostname) ?? candidates[0];
}
