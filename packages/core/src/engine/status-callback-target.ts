import { TwilioError } from '../errors.js';
import type { StatusCallbackMethod } from '../resources.js';

/**
 * A StatusCallback and its method as rooms, compositions and hooks take them: an absolute http(s) URL
 * (53111 otherwise) and GET or POST (53110 otherwise, default POST). An empty URL is none.
 */
export function statusCallbackTarget(options: { statusCallback?: string; statusCallbackMethod?: string }): {
  statusCallback: string | null;
  statusCallbackMethod: StatusCallbackMethod;
} {
  const method = (options.statusCallbackMethod ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST')
    throw new TwilioError(53110, 'StatusCallbackMethod is invalid: it must be GET or POST');
  const given = options.statusCallback;
  if (given === undefined || given === '') return { statusCallback: null, statusCallbackMethod: method };
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || given.length > 2048)
    throw new TwilioError(53111, 'StatusCallback is invalid: it must be an absolute http or https URL');
  return { statusCallback: given, statusCallbackMethod: method };
}
