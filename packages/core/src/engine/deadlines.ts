/**
 * A min-heap of moments at which something may time out. Entries are hints: the engine re-checks the
 * real deadline when one comes due, so stale or duplicate entries cost nothing but a look.
 */
export interface Deadline<T> {
  readonly at: number;
  readonly subject: T;
}

export interface DeadlineQueue<T> {
  readonly size: number;
  push(at: number, subject: T): void;
  peek(): Deadline<T> | undefined;
  pop(): Deadline<T> | undefined;
  clear(): void;
}

export function deadlineQueue<T>(): DeadlineQueue<T> {
  const heap: Deadline<T>[] = [];
  const less = (a: number, b: number) => (heap[a] as Deadline<T>).at < (heap[b] as Deadline<T>).at;
  const swap = (a: number, b: number) => {
    const item = heap[a] as Deadline<T>;
    heap[a] = heap[b] as Deadline<T>;
    heap[b] = item;
  };
  return {
    get size() {
      return heap.length;
    },
    push(at: number, subject: T) {
      heap.push({ at, subject });
      let index = heap.length - 1;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!less(index, parent)) break;
        swap(index, parent);
        index = parent;
      }
    },
    peek(): Deadline<T> | undefined {
      return heap[0];
    },
    pop(): Deadline<T> | undefined {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        let index = 0;
        for (;;) {
          const left = index * 2 + 1;
          const right = left + 1;
          let smallest = index;
          if (left < heap.length && less(left, smallest)) smallest = left;
          if (right < heap.length && less(right, smallest)) smallest = right;
          if (smallest === index) break;
          swap(index, smallest);
          index = smallest;
        }
      }
      return top;
    },
    clear() {
      heap.length = 0;
    },
  };
}
