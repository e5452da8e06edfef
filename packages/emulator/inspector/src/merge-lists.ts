/**
 * `list` with `items` added, ordered by their number (a newer copy of an item replaces the older one),
 * the last `keep` kept: the stream and a refetch may each bring the same request or event.
 */
export function mergedByNumber<T>(
  list: readonly T[],
  items: readonly T[],
  numberOf: (item: T) => number,
  keep: number,
): T[] {
  const byNumber = new Map(list.map((item) => [numberOf(item), item]));
  for (const item of items) byNumber.set(numberOf(item), item);
  return [...byNumber.values()].sort((a, b) => numberOf(a) - numberOf(b)).slice(-keep);
}

/** `list` with `items` added by id: a known one is replaced where it stands, a new one goes last. */
export function mergedById<T>(list: readonly T[], items: readonly T[], idOf: (item: T) => string): T[] {
  const byId = new Map(list.map((item) => [idOf(item), item]));
  for (const item of items) byId.set(idOf(item), item);
  return [...byId.values()];
}
