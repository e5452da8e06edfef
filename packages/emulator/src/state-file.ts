import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { consoleLogger, type Logger } from '@roomlab/core';
import type { Emulator } from './emulator.js';

export interface StateFile {
  /** Writes the state one last time and stops following changes. */
  stop(): void;
}

export interface StateFileOptions {
  /** Where a failed write is reported (default: the console); the next change tries again. */
  logger?: Logger;
}

/**
 * Keeps an emulator's state in a JSON file across restarts: restores it from the file if there is one,
 * then writes a snapshot after every change (a short while after, so bursts make one write) and at stop.
 *
 * Crash-safe: each write goes to a temporary file of its own in the same directory, is flushed to
 * disk, and is renamed over the state file, so the file is always a whole snapshot that was saved,
 * whenever the process dies (even by SIGKILL mid-write). One write runs at a time; changes made during
 * it make one more write after it.
 */
export async function keepStateIn(
  path: string,
  emulator: Emulator,
  options: StateFileOptions = {},
): Promise<StateFile> {
  const logger = options.logger ?? consoleLogger;
  await restoreFrom(path, emulator);
  let writes = 0;
  const temporaryPath = () => `${path}.${process.pid}.${++writes}.tmp`;
  const stateText = () => JSON.stringify(emulator.control.snapshot());
  let stopped = false;
  let writing = false;
  let again = false;

  const writeOnce = async () => {
    const temporary = temporaryPath();
    try {
      await writeDurably(temporary, stateText());
      // The final synchronous write at stop is newer than this one: it must not be replaced.
      if (stopped) await rm(temporary, { force: true });
      else await rename(temporary, path);
    } catch (error) {
      logger.error(`could not save state to ${path}`, error);
      await rm(temporary, { force: true }).catch((cleanup: unknown) =>
        logger.warn(`could not remove ${temporary}`, cleanup),
      );
    }
  };
  const save = async (): Promise<void> => {
    if (writing) {
      again = true;
      return;
    }
    writing = true;
    await writeOnce();
    writing = false;
    if (again && !stopped) {
      again = false;
      await save();
    }
  };

  await save();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = emulator.engine.subscribe(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void save();
    }, 50);
  });
  return {
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      // Synchronous on purpose: this runs as the process exits.
      const temporary = temporaryPath();
      writeDurablySync(temporary, stateText());
      renameSync(temporary, path);
    },
  };
}

async function restoreFrom(path: string, emulator: Emulator): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new Error(`cannot read state file ${path}: ${(error as Error).message}`);
  }
  try {
    emulator.control.restore(JSON.parse(text));
    emulator.control.setResetPoint();
  } catch (error) {
    throw new Error(`state file ${path} is not a roomlab snapshot: ${(error as Error).message}`);
  }
}

/** Writes and flushes a file, so a rename that follows it never exposes a file still being written. */
async function writeDurably(path: string, text: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

function writeDurablySync(path: string, text: string): void {
  const descriptor = openSync(path, 'w');
  try {
    writeFileSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
