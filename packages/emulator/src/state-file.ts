import { renameSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Emulator } from './emulator.js';

export interface StateFile {
  /** Writes the state one last time and stops following changes. */
  stop(): void;
}

/**
 * Keeps an emulator's state in a JSON file across restarts: restores it from the file if there is one,
 * then writes a snapshot after every change (a short while after, so bursts make one write) and at stop.
 * Writes go to a temporary file renamed into place, so a crash never leaves half a file.
 */
export async function keepStateIn(path: string, emulator: Emulator): Promise<StateFile> {
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`cannot read state file ${path}: ${(error as Error).message}`);
  }
  if (text !== undefined) {
    try {
      emulator.control.restore(JSON.parse(text));
      emulator.control.setResetPoint();
    } catch (error) {
      throw new Error(`state file ${path} is not a roomlab snapshot: ${(error as Error).message}`);
    }
  }
  const writeNow = () => {
    const temporary = `${path}.${process.pid}.tmp`;
    return writeFile(temporary, JSON.stringify(emulator.control.snapshot()))
      .then(() => rename(temporary, path))
      .catch((error: Error) => console.error(`roomlab: could not save state to ${path}: ${error.message}`));
  };
  await writeNow();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = emulator.engine.subscribe(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, 50);
  });
  return {
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      // Synchronous on purpose: this runs as the process exits.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(emulator.control.snapshot()));
      renameSync(temporary, path);
    },
  };
}
