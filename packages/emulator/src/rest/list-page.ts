import { page } from './pagination.js';
import { json, type RouteContext, type RouteResult } from './route.js';

/**
 * A list operation's answer: one page of `items` under `key`, with the named filters the request
 * used repeated in every page URL of `meta`.
 */
export function listPage<T extends { sid: string }>(
  context: RouteContext,
  list: { key: string; filters?: readonly string[]; maxPageSize?: number },
  items: readonly T[],
  toResource: (item: T) => unknown,
): RouteResult {
  const filters: [string, string][] = [];
  for (const name of list.filters ?? []) {
    // A filter that takes several values (Insights' RoomType, Codec) repeats each of them.
    for (const value of context.params.list(name) ?? []) filters.push([name, value]);
  }
  const request = { base: context.base, path: context.path, params: context.params, key: list.key, filters };
  return json(200, page({ ...request, maxPageSize: list.maxPageSize }, [...items], toResource));
}
