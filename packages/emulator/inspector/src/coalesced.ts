/**
 * Runs `work` once, `delayMs` after the first of any number of `run()` calls: a burst of changes costs
 * one refetch. The owner cancels it when it is done (its timer is cleared).
 */
export function coalesced(work: () => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    run() {
      timer ??= setTimeout(() => {
        timer = undefined;
        work();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
