import { checkResponse } from '@roomlab/core/conformance';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * Checks, on the client side, every response a `twilio` RequestClient receives against Twilio's spec,
 * for tests where the emulator runs in another process. Problems are collected for the test to assert.
 */
export function checkedHttpClient(client: RequestClient, problems: string[]): RequestClient {
  const request = client.request.bind(client);
  client.request = async <TData>(opts: RequestClient.RequestOptions<TData>) => {
    const response = await request<TData>(opts);
    const raw = response.body as unknown;
    const body =
      typeof raw === 'string' && raw !== '' ? (JSON.parse(raw) as unknown) : raw === '' ? undefined : raw;
    const url = new URL(opts.uri);
    for (const [key, value] of Object.entries((opts.params ?? {}) as Record<string, unknown>)) {
      url.searchParams.append(key, String(value));
    }
    for (const problem of checkResponse({
      method: opts.method.toUpperCase(),
      url,
      status: response.statusCode,
      body,
    })) {
      problems.push(`${opts.method} ${opts.uri} → ${response.statusCode}: ${problem}`);
    }
    return response;
  };
  return client;
}
