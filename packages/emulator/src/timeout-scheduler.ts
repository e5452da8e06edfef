import type { Engine } from '@roomlab/core';

/**
 * On a real-time clock, wakes the engine when its next timeout is due (a manual clock wakes it itself
 * when advanced). The timer is unref'd so it never keeps a process alive.
 */
export function scheduleTimeouts(engine: Engine): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let scheduledFor: number | undefined;
  const reschedule = () => {
    const next = engine.nextDeadline();
    if (next === scheduledFor) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    scheduledFor = next;
    if (next === undefined) return;
    // setTimeout takes at most ~24.8 days; a longer wait is re-armed when it wakes.
    const delay = Math.min(Math.max(0, next - engine.clock.now()), 2 ** 31 - 1);
    timer = setTimeout(() => {
      scheduledFor = undefined;
      engine.tick();
      reschedule();
    }, delay);
    timer.unref?.();
  };
  const unsubscribe = engine.subscribe(reschedule);
  // When the clock jumps, the wait to the next deadline changes even if the deadline does not.
  const stopFollowingClock = engine.clock.onAdvance(() => {
    scheduledFor = undefined;
    reschedule();
  });
  reschedule();
  return () => {
    unsubscribe();
    stopFollowingClock();
    if (timer) clearTimeout(timer);
  };
}
