import { useState } from 'react';

/** An action's state, for its button: running (disabled meanwhile), and the last failure's message. */
export interface ActionState {
  running: boolean;
  problem: string | null;
  /** Runs the action; a failure is kept in `problem` for the page to show, never thrown away. */
  run(action: () => Promise<unknown>): Promise<void>;
}

export function useAction(): ActionState {
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    running,
    problem,
    async run(action) {
      setRunning(true);
      setProblem(null);
      try {
        await action();
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      } finally {
        setRunning(false);
      }
    },
  };
}
