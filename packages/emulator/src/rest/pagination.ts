import { TwilioError } from '@roomlab/core';
import { base64url } from '../base64.js';
import { invalidParameter, type Params } from './params.js';

/**
 * Twilio's list pages: `PageSize` (1–1000, default 50), `Page` (the index, for the client's state) and
 * an opaque `PageToken` naming the item a page starts after (or ends before), so pages stay stable
 * while new items arrive. `meta` carries the URLs the `twilio` client follows.
 */
export interface PageRequest {
  base: string;
  path: string;
  /** The list's filters as Twilio's query parameters, repeated in every page URL. */
  filters: [string, string][];
  params: Params;
  key: string;
  maxPageSize?: number;
}

interface Token {
  after?: string;
  before?: string;
}

function encodeToken(token: Token): string {
  return `PT${base64url.encode(JSON.stringify(token))}`;
}

function decodeToken(raw: string): Token {
  const fail = () => invalidParameter('PageToken', 'the token is not one this API issued');
  if (!raw.startsWith('PT') || raw.length > 512) throw fail();
  try {
    const token = JSON.parse(base64url.decode(raw.slice(2))) as unknown;
    if (typeof token !== 'object' || token === null) throw fail();
    const { after, before } = token as Record<string, unknown>;
    if (
      (after !== undefined && typeof after !== 'string') ||
      (before !== undefined && typeof before !== 'string')
    )
      throw fail();
    if ((after === undefined) === (before === undefined)) throw fail();
    return { ...(after ? { after } : {}), ...(before ? { before } : {}) };
  } catch (error) {
    if (error instanceof TwilioError) throw error;
    throw fail();
  }
}

/** The window of items a page request asks for, and the paths (with query) of its neighbours. */
function pageWindow<T extends { sid: string }>(request: PageRequest, items: readonly T[]) {
  const { params } = request;
  const pageSize = params.integer('PageSize', { min: 1, max: request.maxPageSize ?? 1000 }) ?? 50;
  const pageIndex = params.integer('Page', { min: 0, max: 1_000_000 }) ?? 0;
  const rawToken = params.string('PageToken');
  const token = rawToken ? decodeToken(rawToken) : {};

  let start = 0;
  if (token.after !== undefined) {
    const at = items.findIndex((item) => item.sid === token.after);
    start = at < 0 ? items.length : at + 1;
  } else if (token.before !== undefined) {
    const at = items.findIndex((item) => item.sid === token.before);
    start = Math.max(0, Math.max(at, 0) - pageSize);
  }
  const slice = items.slice(start, start + pageSize);

  const pathFor = (index: number, pageToken?: string) => {
    const query = new URLSearchParams(request.filters);
    query.set('PageSize', String(pageSize));
    query.set('Page', String(index));
    if (pageToken) query.set('PageToken', pageToken);
    return `${request.path}?${query.toString()}`;
  };
  const last = slice[slice.length - 1];
  const first = slice[0];
  const hasNext = last !== undefined && start + slice.length < items.length;
  const hasPrevious = first !== undefined && start > 0;
  return {
    slice,
    start,
    pageSize,
    pageIndex,
    firstPath: pathFor(0),
    previousPath: hasPrevious
      ? pathFor(Math.max(0, pageIndex - 1), encodeToken({ before: first.sid }))
      : null,
    path: pathFor(pageIndex, rawToken),
    nextPath: hasNext ? pathFor(pageIndex + 1, encodeToken({ after: last.sid })) : null,
  };
}

/** A page as the v1 APIs (video, insights) write it: items under `key` and absolute URLs in `meta`. */
export function page<T extends { sid: string }, R>(
  request: PageRequest,
  items: readonly T[],
  toResource: (item: T) => R,
) {
  const window = pageWindow(request, items);
  const absolute = (path: string | null) => (path === null ? null : request.base + path);
  return {
    [request.key]: window.slice.map(toResource),
    meta: {
      page: window.pageIndex,
      page_size: window.pageSize,
      first_page_url: absolute(window.firstPath),
      previous_page_url: absolute(window.previousPath),
      url: absolute(window.path),
      next_page_url: absolute(window.nextPath),
      key: request.key,
    },
  };
}

/** A page as API v2010 writes it: items under `key`, host-relative `*_uri` fields, `start` and `end`. */
export function page2010<T extends { sid: string }, R>(
  request: PageRequest,
  items: readonly T[],
  toResource: (item: T) => R,
) {
  const window = pageWindow(request, items);
  return {
    [request.key]: window.slice.map(toResource),
    first_page_uri: window.firstPath,
    previous_page_uri: window.previousPath,
    uri: window.path,
    next_page_uri: window.nextPath,
    page: window.pageIndex,
    page_size: window.pageSize,
    start: window.start,
    end: Math.max(window.start, window.start + window.slice.length - 1),
  };
}
