/**
 * Listeners of one kind of change. `emit` costs a size check when no one listens, so a source on a
 * hot path (the request log, every status callback) can tell it unconditionally.
 */
export interface ListenerSet<T> {
  /** Calls `listener` with every value emitted from now on; returns the function that stops it. */
  add(listener: (value: T) => void): () => void;
  /** Whether anyone listens: a source skips building a value that no one would read. */
  readonly size: number;
  emit(value: T): void;
}

export function listenerSet<T>(): ListenerSet<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get size() {
      return listeners.size;
    },
    emit(value) {
      if (listeners.size === 0) return;
      // A copy: a listener may stop listening (or add another) while being told.
      for (const listener of [...listeners]) listener(value);
    },
  };
}
