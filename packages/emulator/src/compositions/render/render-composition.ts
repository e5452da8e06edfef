import { constants } from 'node:fs';
import { access, rename, rm, stat } from 'node:fs/promises';
import { consoleLogger, type Logger, TwilioError } from '@roomlab/core';
import { ffmpegInstallHint, locateFfmpeg } from '../../media-tools/ffmpeg.js';
import { ffmpegArguments } from './ffmpeg-arguments.js';
import { planRender, type RenderPlan } from './render-plan.js';
import { createRenderQueue } from './render-queue.js';
import type { RenderCompositionRequest, RenderCompositionResult } from './render-request.js';
import { renderFailure, runFfmpeg } from './run-ffmpeg.js';

export interface CompositionRendererOptions {
  /** The ffmpeg to run; by default `@ffmpeg-installer/ffmpeg`'s, else `ffmpeg` on PATH. */
  ffmpegPath?: string;
  /** At most this many ffmpeg processes at once; default 1 (a composition keeps a core busy). */
  concurrency?: number;
  logger?: Logger;
}

export interface CompositionRenderer {
  /** Makes the composed file at `request.output`, or rejects (TwilioError, or the abort's reason). */
  render(request: RenderCompositionRequest): Promise<RenderCompositionResult>;
}

/** Renders compositions with ffmpeg, a few at a time, off the event loop. */
export function createCompositionRenderer(options: CompositionRendererOptions = {}): CompositionRenderer {
  const queue = createRenderQueue(options.concurrency ?? 1);
  const logger = options.logger ?? consoleLogger;
  let ffmpeg: Promise<string | undefined> | undefined;
  const findFfmpeg = async () => {
    ffmpeg ??= locateFfmpeg({ path: options.ffmpegPath, logger });
    const found = await ffmpeg;
    // Not found is not remembered: an ffmpeg installed later serves the next composition.
    if (found === undefined) ffmpeg = undefined;
    return found;
  };
  return {
    async render(request) {
      const plan = planRender(request);
      await requireRecordings(plan);
      const ffmpegPath = await findFfmpeg();
      if (ffmpegPath === undefined) throw renderFailure(`no ffmpeg was found: ${ffmpegInstallHint}`);
      const onProgress = (percent: number) => {
        try {
          request.onProgress?.(percent);
        } catch (error) {
          logger.error('a composition progress callback failed', error);
        }
      };
      return queue.run(() => renderFile(ffmpegPath, plan, { ...request, onProgress }), request.signal);
    },
  };
}

async function renderFile(
  ffmpegPath: string,
  plan: RenderPlan,
  request: RenderCompositionRequest,
): Promise<RenderCompositionResult> {
  // ffmpeg writes beside the output and the file takes its name only when whole.
  const partial = `${request.output}.partial`;
  try {
    await runFfmpeg({
      ffmpegPath,
      args: ffmpegArguments(plan, partial),
      durationMs: plan.durationMs,
      onProgress: request.onProgress,
      signal: request.signal,
    });
    await rename(partial, request.output);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(request.output);
  request.onProgress?.(100);
  const seconds = plan.durationMs / 1000;
  return {
    durationMs: plan.durationMs,
    sizeBytes: size,
    bitrateKbps: seconds > 0 ? Math.round((size * 8) / seconds / 1000) : 0,
  };
}

/** A recording whose file is gone fails the composition as on Twilio: 53628, media deleted. */
async function requireRecordings(plan: RenderPlan): Promise<void> {
  for (const { source } of plan.inputs) {
    const present = await access(source.file, constants.R_OK).then(
      () => true,
      () => false,
    );
    if (source.deleted || !present)
      throw new TwilioError(53628, `Room recordings deleted: the media of ${source.recordingSid} is gone`);
  }
}
