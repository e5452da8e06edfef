import { checkResponse } from '@roomlab/core/conformance';
import type { FetchHandler } from '../fetch-handler.js';

/**
 * Wraps a handler so that every response it gives is checked against Twilio's spec for its operation.
 * Problems are collected (a throw here would only turn into a 500), and the test asserts the list is empty.
 */
export function conformingHandler(handle: FetchHandler, problems: string[]): FetchHandler {
  return async (request) => {
    const { method, url } = request;
    const response = await handle(request);
    // Not in the spec: /health, the /Media redirects Twilio documents elsewhere, media links (files), and
    // roomlab's extension routes (marked so).
    if (/^\/health$|\/Media$|^\/_roomlab\/media\//.test(new URL(url).pathname)) return response;
    if (response.headers.get('roomlab-extension')?.startsWith('route')) return response;
    const text = await response.clone().text();
    let body: unknown = text === '' ? undefined : text;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${method} ${url} → ${response.status}: the body is not JSON: ${text.slice(0, 80)}`);
      }
    }
    for (const problem of checkResponse({ method, url, status: response.status, body })) {
      problems.push(`${method} ${url} → ${response.status}: ${problem}`);
    }
    return response;
  };
}
