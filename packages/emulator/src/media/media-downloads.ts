import { type Logger, TwilioError, type TwilioErrorCode } from '@roomlab/core';
import type { EmulatorRequest, EmulatorResponse } from '../emulator-request.js';
import { errorResponse, twilioErrorResponse } from '../rest/rest-api.js';
import type { MediaLinks } from './media-links.js';
import type { MediaStorage } from './media-storage.js';

const failure = (code: TwilioErrorCode, message: string, headers?: Record<string, string>) =>
  twilioErrorResponse(new TwilioError(code, message), headers);

/**
 * Serves what a media link points at, as the storage behind Twilio's redirects does: the file while the
 * link is valid, 403 once it has expired, 404 for a link never made or a file that is gone.
 */
export function serveMediaDownloads(links: MediaLinks, storage: MediaStorage, logger: Logger) {
  return async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const { url } = request;
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return failure(20004, 'Method not allowed: media links answer GET', { allow: 'GET, HEAD' });
    const link = links.resolve(url.pathname);
    if (link === 'expired')
      return failure(20403, 'Forbidden: this media link has expired; ask the /Media route for a new one');
    if (!link) return failure(20404, `The requested resource ${url.pathname.slice(0, 128)} was not found`);
    let media: Awaited<ReturnType<MediaStorage['read']>>;
    try {
      media = await storage.read(link.target);
    } catch (error) {
      return errorResponse(error, request, logger);
    }
    if (!media) {
      const { kind, sid } = link.target;
      return failure(20404, `The ${kind} ${sid} has no media any more`);
    }
    const headers = {
      'content-type': media.contentType,
      'content-length': String(media.size),
      'content-disposition': link.contentDisposition,
    };
    if (request.method === 'HEAD') {
      await media.body.cancel();
      return { status: 200, headers, body: null };
    }
    return { status: 200, headers, body: media.body };
  };
}
