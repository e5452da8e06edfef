import { spawn } from 'node:child_process';
import { TwilioError } from '@roomlab/core';
import { progressReader } from './ffmpeg-progress.js';

export interface RunFfmpegOptions {
  ffmpegPath: string;
  args: readonly string[];
  /** The expected length of the output, for progress. */
  durationMs: number;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

const stderrTailChars = 2000;

/**
 * Runs ffmpeg as a child process. Resolves when it exits cleanly; a failure rejects with TwilioError
 * 53626 quoting the end of ffmpeg's stderr; an abort kills it and rejects with the signal's reason.
 */
export function runFfmpeg(options: RunFfmpegOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const child = spawn(options.ffmpegPath, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const readProgress = progressReader(options.durationMs, (percent) => options.onProgress?.(percent));
    child.stdout.setEncoding('utf8').on('data', readProgress);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-stderrTailChars);
    });
    const kill = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', kill);
      reject(renderFailure(`could not run ffmpeg at ${options.ffmpegPath} (${error.message})`));
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', kill);
      if (signal?.aborted) reject(signal.reason);
      else if (code === 0) resolve();
      else
        reject(
          renderFailure(
            `ffmpeg ${code === null ? `was killed (${killedBy})` : `exited with code ${code}`}`,
            stderr,
          ),
        );
    });
  });
}

/** A composition that could not be made: Twilio's 53626, with what ffmpeg said last. */
export function renderFailure(problem: string, stderr = ''): TwilioError {
  const tail = stderr.trim();
  return new TwilioError(
    53626,
    `Internal failure while processing media composition: ${problem}${tail ? `\n${tail}` : ''}`,
  );
}
