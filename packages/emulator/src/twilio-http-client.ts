import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as ResponseModule from 'twilio/lib/http/response.js';
import { type EmulatorResponse, tooLarge } from './emulator-request.js';
import { emulatorHandlerOf, type FetchHandler } from './fetch-handler.js';
import { isTwilioApiUrl } from './twilio-origins.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;
type RequestClientOptions = RequestClient.RequestClientOptions;
type TwilioResponse<TData> = ResponseModule.default<TData>;

/** Points a Twilio API URL at the emulator's base URL; other URLs (already the emulator's) pass as they are. */
export function rewriteToEmulator(uri: string, baseUrl: string): string {
  const url = new URL(uri);
  if (!isTwilioApiUrl(url)) return uri;
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  return `${base.origin}${prefix}${url.pathname}${url.search}`;
}

/**
 * A `twilio` RequestClient that sends every Twilio API call to a roomlab server at `baseUrl`:
 * `twilio(accountSid, authToken, { httpClient: emulatorHttpClient(url) })`. Everything else about the
 * client (auth, retries, paging) is the real one.
 */
export function emulatorHttpClient(baseUrl: string, options?: RequestClientOptions): RequestClient {
  new URL(baseUrl); // fail now, with the URL in the message, rather than on the first request
  const client = new twilio.RequestClient(options);
  const request = client.request.bind(client);
  client.request = <TData>(opts: RequestOptions<TData>) =>
    request<TData>({ ...opts, uri: rewriteToEmulator(opts.uri, baseUrl) });
  return client;
}

function formOf(values: object | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) form.append(key, String(one));
  }
  return form;
}

const formType = 'application/x-www-form-urlencoded;charset=UTF-8';

async function textOf(body: EmulatorResponse['body']): Promise<string> {
  if (typeof body === 'string') return body;
  return body === null ? '' : new Response(body).text();
}

/**
 * A `twilio` RequestClient that calls an emulator's handler directly, in this process, with no HTTP
 * and no msw: the fastest way to run the real client against roomlab in a unit test.
 */
export function inProcessHttpClient(
  handle: FetchHandler,
  origin = 'https://video.twilio.com',
): RequestClient {
  const client = new twilio.RequestClient();
  const serve = emulatorHandlerOf(handle);
  client.request = async <TData>(opts: RequestOptions<TData>): Promise<TwilioResponse<TData>> => {
    const target = new URL(opts.uri);
    const url = isTwilioApiUrl(target) ? target : new URL(`${target.pathname}${target.search}`, origin);
    for (const [key, value] of formOf(opts.params as object | undefined)) url.searchParams.append(key, value);
    const method = opts.method.toUpperCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {}))
      headers[name.toLowerCase()] = String(value);
    if (opts.username && opts.password) {
      headers.authorization = `Basic ${btoa(`${opts.username}:${opts.password}`)}`;
    }
    const hasBody = opts.data !== undefined && method !== 'GET' && method !== 'DELETE';
    const body = hasBody ? formOf(opts.data as object).toString() : '';
    if (hasBody) headers['content-type'] ??= formType;
    // A form is URL-encoded ASCII: its length is its size in bytes.
    const text = async (maxBytes: number) => {
      if (body.length > maxBytes) throw tooLarge(maxBytes);
      return body;
    };
    const answer = await serve({ method, url, headers, text });
    // Like the axios-based client, the body is handed over as text; twilio's Version parses it.
    return {
      statusCode: answer.status,
      body: (await textOf(answer.body)) as TData,
      headers: answer.headers,
    } as TwilioResponse<TData>;
  };
  return client;
}
