/** Where the control API is: the page is served by the emulator itself, under /_roomlab/ui/. */
export const controlBase = '/_roomlab';

/** A control API call that was answered with Twilio's error JSON (or not answered at all). */
export class ControlApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'ControlApiError';
  }
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
interface TwilioErrorBody {
  code?: number;
  message?: string;
}

/** A GET or POST/DELETE to `/_roomlab/<path>`, JSON in and out; a non-2xx answer throws its message. */
export async function controlCall<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${controlBase}/${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const body = text === '' ? {} : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const error = body as TwilioErrorBody;
    const code = typeof error.code === 'number' ? error.code : null;
    const message = error.message ?? `HTTP ${response.status}`;
    throw new ControlApiError(code === null ? message : `${code}: ${message}`, response.status, code);
  }
  return body as T;
}

/** A query string of the given parameters, those undefined left out. */
export function query(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return new URLSearchParams(defined.map(([name, value]) => [name, String(value)])).toString();
}
