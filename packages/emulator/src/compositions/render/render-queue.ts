/** Runs tasks with at most `concurrency` of them under way; the rest wait in order. */
export interface RenderQueue {
  /** Runs the task when a place is free; aborting while it waits drops it with the signal's reason. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createRenderQueue(concurrency: number): RenderQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, not ${concurrency}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  const place = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (running < concurrency) {
        running += 1;
        return resolve();
      }
      const start = () => {
        signal?.removeEventListener('abort', drop);
        running += 1;
        resolve();
      };
      const drop = () => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', drop, { once: true });
      waiting.push(start);
    });
  return {
    async run(task, signal) {
      await place(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
