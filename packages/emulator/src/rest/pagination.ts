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

export function page<T extends { sid: string }, R>(
  request: PageRequest,
  items: readonly T[],
  toResource: (item: T) => R,
) {
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

  const urlFor = (index: number, pageToken?: string) => {
    const query = new URLSearchParams(request.filters);
    query.set('PageSize', String(pageSize));
    query.set('Page', String(index));
    if (pageToken) query.set('PageToken', pageToken);
    return `${request.base}${request.path}?${query.toString()}`;
  };
  const last = slice[slice.length - 1];
  const first = slice[0];
  const hasNext = last !== undefined && start + slice.length < items.length;
  const hasPrevious = first !== undefined && start > 0;
  return {
    [request.key]: slice.map(toResource),
    meta: {
      page: pageIndex,
      page_size: pageSize,
      first_page_url: urlFor(0),
      previous_page_url: hasPrevious
        ? urlFor(Math.max(0, pageIndex - 1), encodeToken({ before: first.sid }))
        : null,
      url: urlFor(pageIndex, rawToken),
      next_page_url: hasNext ? urlFor(pageIndex + 1, encodeToken({ after: last.sid })) : null,
      key: request.key,
    },
  };
}
