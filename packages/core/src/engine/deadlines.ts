/**
 * A min-heap of moments at which something may time out, at most one per subject (by `keyOf`), so
 * that a room or participant that is gone can take its deadline with it: a stale entry would keep a
 * timer armed and memory held until it came due. Entries are still hints: the engine re-checks the
 * real deadline when one comes due.
 */
export interface Deadline<T> {
  readonly at: number;
  readonly subject: T;
}

export interface DeadlineQueue<T> {
  readonly size: number;
  /** Sets the subject's deadline, replacing any it had. */
  set(at: number, subject: T): void;
  /** Forgets the deadline of the subject with this key, if it has one. */
  delete(key: string): void;
  peek(): Deadline<T> | undefined;
  pop(): Deadline<T> | undefined;
  clear(): void;
}

interface Entry<T> extends Deadline<T> {
  readonly key: string;
}

export function deadlineQueue<T>(keyOf: (subject: T) => string): DeadlineQueue<T> {
  const heap: Entry<T>[] = [];
  /** Where each key's entry is in the heap. */
  const positions = new Map<string, number>();
  const at = (index: number) => (heap[index] as Entry<T>).at;
  const place = (index: number, entry: Entry<T>) => {
    heap[index] = entry;
    positions.set(entry.key, index);
  };
  const swap = (a: number, b: number) => {
    const entry = heap[a] as Entry<T>;
    place(a, heap[b] as Entry<T>);
    place(b, entry);
  };
  const siftUp = (start: number) => {
    for (let index = start; index > 0; ) {
      const parent = (index - 1) >> 1;
      if (at(index) >= at(parent)) return;
      swap(index, parent);
      index = parent;
    }
  };
  const siftDown = (start: number) => {
    for (let index = start; ; ) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && at(left) < at(smallest)) smallest = left;
      if (right < heap.length && at(right) < at(smallest)) smallest = right;
      if (smallest === index) return;
      swap(index, smallest);
      index = smallest;
    }
  };
  /** Takes the entry at `index` out, the heap's last entry filling its place. */
  const removeAt = (index: number): Entry<T> => {
    const entry = heap[index] as Entry<T>;
    positions.delete(entry.key);
    const last = heap.pop() as Entry<T>;
    if (index < heap.length) {
      place(index, last);
      siftDown(index);
      siftUp(index);
    }
    return entry;
  };
  return {
    get size() {
      return heap.length;
    },
    set(due: number, subject: T) {
      const key = keyOf(subject);
      const index = positions.get(key);
      if (index !== undefined) removeAt(index);
      place(heap.length, { at: due, subject, key });
      siftUp(heap.length - 1);
    },
    delete(key: string) {
      const index = positions.get(key);
      if (index !== undefined) removeAt(index);
    },
    peek: () => heap[0],
    pop: () => (heap.length > 0 ? removeAt(0) : undefined),
    clear() {
      heap.length = 0;
      positions.clear();
    },
  };
}
