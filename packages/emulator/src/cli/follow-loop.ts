import { type CommandResult, succeeded } from './command-result.js';

/**
 * Calls `poll` every `intervalMs` (never two at once) until Ctrl-C, then ends with exit code 0. It owns
 * its timer and its SIGINT listener and removes both when it ends; a failed poll ends it with that error.
 */
export function followUntilInterrupted(
  poll: (signal: AbortSignal) => Promise<void>,
  intervalMs: number,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const aborter = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const end = () => {
      clearTimeout(timer);
      process.off('SIGINT', interrupted);
      aborter.abort();
    };
    const interrupted = () => {
      end();
      resolve(succeeded);
    };
    const tick = async () => {
      try {
        await poll(aborter.signal);
      } catch (error) {
        // A poll cut short by Ctrl-C has nothing to report: the loop has already ended with exit code 0.
        if (aborter.signal.aborted) return;
        end();
        reject(error);
        return;
      }
      if (!aborter.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    process.on('SIGINT', interrupted);
    timer = setTimeout(tick, intervalMs);
  });
}
