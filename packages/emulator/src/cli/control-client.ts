import { controlPrefix } from '../control/control-routes.js';
import { whyUnreachable } from './unreachable.js';

export type QueryParams = Record<string, string | number | undefined>;

export interface ControlCall {
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

function unreachable(base: string, error: unknown): Error {
  return new Error(`no roomlab is answering at ${base}: ${whyUnreachable(error)}`, { cause: error });
}

/** Twilio's error JSON (`{code, message, more_info, status}`), as `<message> (<code>)`. */
function answeredError(base: string, status: number, body: unknown): Error {
  const error = body as { code?: unknown; message?: unknown } | undefined;
  if (typeof error?.message === 'string' && typeof error.code === 'number')
    return new Error(`${error.message} (${error.code})`);
  return new Error(`${base} answered ${status}, not with roomlab's control API`);
}

/**
 * The control API of a running roomlab, over HTTP: each call answers the route's JSON, or throws an
 * error whose message is what the CLI prints (the emulator is not there, or it answered Twilio's error).
 */
export function controlClient(target: URL) {
  const base = target.href.replace(/\/$/, '');
  const urlOf = (route: string, query: QueryParams = {}) => {
    const url = new URL(`${target.pathname.replace(/\/$/, '')}${controlPrefix}/${route}`, target);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  };
  async function call<T>(method: string, route: string, options: ControlCall = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(urlOf(route, options.query), {
        method,
        signal: options.signal,
        ...(options.body === undefined
          ? {}
          : { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw unreachable(base, error);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${base} answered ${response.status}, not with roomlab's control API`);
    }
    if (!response.ok) throw answeredError(base, response.status, body);
    return body as T;
  }
  return {
    base,
    get: <T>(route: string, options?: ControlCall) => call<T>('GET', route, options),
    post: <T>(route: string, options?: ControlCall) => call<T>('POST', route, options),
    delete: <T>(route: string, options?: ControlCall) => call<T>('DELETE', route, options),
  };
}

export type ControlClient = ReturnType<typeof controlClient>;
