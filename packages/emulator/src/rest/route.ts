import type { Engine } from '@roomlab/core';
import type { MediaLinks } from '../media/media-links.js';
import type { Params } from './params.js';

/** What a route's handler gets: the engine, the caller's account, and the parsed request. */
export interface RouteContext {
  engine: Engine;
  accountSid: string;
  /** The origin the client called, so `url` and `links` point back at this emulator. */
  base: string;
  path: string;
  pathParams: Record<string, string>;
  params: Params;
  /** How the caller authenticated: its account's auth token, or an API key. */
  authenticatedWith: 'auth-token' | 'api-key';
  /** Where `/Media` routes get their expiring download links. */
  mediaLinks: MediaLinks;
  /** Whether a test stalled Video Insights' summarization of this room (a roomlab fault). */
  summaryStalled(roomSid: string): boolean;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Twilio's path template, e.g. `/v1/Rooms/{Sid}`. */
  template: string;
  /**
   * The operationId in Twilio's OpenAPI spec; for a route the spec leaves out, a name of the same form
   * and where the route comes from (`source`).
   */
  operationId: string;
  /**
   * `docs`: Twilio serves it and documents it, but the spec leaves it out (the `/Media` redirects).
   * `extension`: Twilio does not have it; roomlab marks its answers with a `Roomlab-Extension` header.
   */
  source?: 'docs' | 'extension';
  /** Whether a JSON body is taken as well as a form (a roomlab extension, marked on the answer). */
  acceptsJson?: true;
  /**
   * The Twilio API host that serves it (`video` for video.twilio.com and its regional forms); a request
   * to another twilio.com host does not find it. Unset: any host (roomlab's extensions).
   */
  host?: TwilioApiHost;
  handle(context: RouteContext): RouteResult;
}

export type TwilioApiHost = 'video' | 'insights' | 'api';

/**
 * Whether a route answers at this URL: any route on roomlab's own origin, and on a twilio.com host
 * (msw, the proxy) only the routes of that host, as Twilio's hosts each serve their own API.
 */
export function servesHost(route: Route, url: URL): boolean {
  if (route.host === undefined || !url.hostname.endsWith('.twilio.com')) return true;
  return url.hostname.split('.')[0] === route.host;
}

export function json(status: number, body: unknown): RouteResult {
  return { status, body };
}

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  // A parameter may fill a whole segment (`{Sid}`) or part of one (`{Sid}.json`).
  const source = route.template
    .split(/(\{\w+\})/)
    .map((part) => {
      const match = /^\{(\w+)\}$/.exec(part);
      if (!match) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1] as string);
      return '([^/]+?)';
    })
    .join('');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

/** Routes by how many `/` their template has: a path is only tried against routes of its own depth. */
export type RouteIndex = ReadonlyMap<number, readonly CompiledRoute[]>;

/** How many segments a path has, counted without splitting it (every request's path is counted). */
function depthOf(path: string): number {
  let depth = 1;
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) depth++;
  return depth;
}

export function indexRoutes(routes: readonly CompiledRoute[]): RouteIndex {
  const index = new Map<number, CompiledRoute[]>();
  for (const route of routes) {
    const depth = depthOf(route.template);
    index.set(depth, [...(index.get(depth) ?? []), route]);
  }
  return index;
}

/** Finds the routes whose template matches a path; their path parameters are URL-decoded. */
export function matchRoutes(index: RouteIndex, pathname: string) {
  const found: { route: CompiledRoute; pathParams: Record<string, string> }[] = [];
  for (const route of index.get(depthOf(pathname)) ?? []) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    let decodable = true;
    route.names.forEach((name, index) => {
      try {
        pathParams[name] = decodeURIComponent(match[index + 1] as string);
      } catch {
        decodable = false;
      }
    });
    if (decodable) found.push({ route, pathParams });
  }
  return found;
}
