import { TwilioError } from '@roomlab/core';
import type { MediaTarget } from '../media/media-links.js';
import { invalidParameter } from './params.js';
import type { RouteContext, RouteResult } from './route.js';

const defaultTtlSeconds = 3600;

/** Twilio's ContentDisposition: `attachment` or `inline`, with an optional file name. */
function contentDisposition(context: RouteContext, fileName: string): string {
  const given = context.params.string('ContentDisposition');
  if (given === undefined) return `attachment; filename="${fileName}"`;
  if (!/^(attachment|inline)(\s*;\s*filename="?[\w.\- ]{1,200}"?)?$/i.test(given.trim()))
    throw invalidParameter(
      'ContentDisposition',
      `"${given.slice(0, 64)}" is not attachment or inline, with an optional filename`,
    );
  return given.trim();
}

/** 20404 for the media of a recording or composition that is not completed, saying what it is instead. */
export function noMediaYet(path: string, { kind, sid }: MediaTarget, status: string): TwilioError {
  const why = status === 'deleted' ? 'its media was deleted' : `it is ${status}`;
  return new TwilioError(
    20404,
    `The requested resource ${path} was not found: ${kind} ${sid} has no media (${why})`,
  );
}

/**
 * A `/Media` answer as Twilio gives it: 302 to a link that expires after `Ttl` seconds (1–3600), with
 * the link in the body as `redirect_to` too. Only a finished file has media.
 */
export function mediaRedirect(
  context: RouteContext,
  media: { target: MediaTarget; status: string; fileName: string },
): RouteResult {
  if (media.status !== 'completed') throw noMediaYet(context.path, media.target, media.status);
  const ttlSeconds = context.params.integer('Ttl', { min: 1, max: 3600 }) ?? defaultTtlSeconds;
  const link = context.mediaLinks.create(media.target, {
    ttlSeconds,
    contentDisposition: contentDisposition(context, media.fileName),
  });
  const location = context.base + link;
  return { status: 302, body: { redirect_to: location }, headers: { location } };
}
