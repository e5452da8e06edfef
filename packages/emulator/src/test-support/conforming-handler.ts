import { checkResponse } from '@roomlab/core/conformance';
import type { EmulatorResponse } from '../emulator-request.js';
import { emulatorHandlerOf, type FetchHandler, fetchHandler } from '../fetch-handler.js';

/**
 * Wraps a handler so that every response it gives is checked against Twilio's spec for its operation.
 * Problems are collected (a throw here would only turn into a 500), and the test asserts the list is empty.
 * The wrapper is an emulator handler again, so every transport still takes the path it takes in use.
 */
export function conformingHandler(handle: FetchHandler, problems: string[]): FetchHandler {
  const serve = emulatorHandlerOf(handle);
  return fetchHandler(async (request) => {
    const { method } = request;
    const url = request.url.href;
    const response = await serve(request);
    // Not in the spec: /health, the /Media redirects Twilio documents elsewhere, media links (files), and
    // roomlab's extension routes (marked so).
    if (/^\/health$|\/Media$|^\/_roomlab\/media\//.test(request.url.pathname)) return response;
    if (response.headers['roomlab-extension']?.startsWith('route')) return response;
    const text = bodyText(response);
    let body: unknown = text === '' ? undefined : text;
    if (text !== '' && (response.headers['content-type'] ?? '').includes('json')) {
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
  });
}

/** The answer's text; the routes checked answer JSON text (a 204 nothing). */
function bodyText(response: EmulatorResponse): string {
  if (typeof response.body === 'string') return response.body;
  if (response.body instanceof Uint8Array) return new TextDecoder().decode(response.body);
  return '';
}
