/**
 * The newest `capacity` items, oldest first. Pushing past capacity overwrites the oldest in place, so a
 * long-running emulator's logs take bounded memory and constant time per entry.
 */
export interface RingBuffer<T> {
  readonly capacity: number;
  readonly size: number;
  push(item: T): void;
  /** The items kept, oldest first. */
  items(): T[];
  /** Keeps only the items for which `keep` is true, in order. */
  retain(keep: (item: T) => boolean): void;
  clear(): void;
}

export function ringBuffer<T>(capacity: number): RingBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`A ring buffer's capacity must be a whole number of at least 1, not ${capacity}`);
  let slots: T[] = [];
  /** Index of the oldest item once the buffer is full. */
  let start = 0;
  const items = () =>
    slots.length < capacity ? [...slots] : [...slots.slice(start), ...slots.slice(0, start)];
  return {
    capacity,
    get size() {
      return slots.length;
    },
    push(item) {
      if (slots.length < capacity) {
        slots.push(item);
        return;
      }
      slots[start] = item;
      start = (start + 1) % capacity;
    },
    items,
    retain(keep) {
      slots = items().filter(keep);
      start = 0;
    },
    clear() {
      slots = [];
      start = 0;
    },
  };
}
