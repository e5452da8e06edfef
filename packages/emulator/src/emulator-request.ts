import { TwilioError } from '@roomlab/core';

/**
 * A request as the emulator's routes see it, whatever carried it (Express, msw, a direct call): no
 * Fetch objects, so the Node path builds no `Request`, `Headers`, `AbortSignal` or web stream.
 */
export interface EmulatorRequest {
  method: string;
  /** The URL the client called; its origin makes the `url` and `links` of the answer. */
  url: URL;
  /** Header values by lower-case name (repeated headers joined with `, `, as Fetch joins them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * The body as UTF-8 text, read once: later calls answer the same text (or the same error). More than
   * `maxBytes` is Twilio's 20413, and reading stops there; bytes that are not UTF-8 are 20001.
   */
  text(maxBytes: number): Promise<string>;
}

/** An answer: JSON text for the API, a stream for media files, nothing for a 204. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** Bytes when it came from another Fetch handler (a test's wrapper), read whole. */
  body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null;
  /** Twilio's error code when the answer is an error, so the request log needs no parse of the body. */
  errorCode?: number;
}

export type EmulatorHandler = (request: EmulatorRequest) => Promise<EmulatorResponse>;

/** One header's value as text, whichever way the transport gave it. */
export function headerOf(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const jsonType = { 'content-type': 'application/json; charset=utf-8' };

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return { status, headers: { ...jsonType, ...headers }, body: JSON.stringify(body) };
}

/** A refused body: read no further than this, and answer 20413. */
export function tooLarge(maxBytes: number): TwilioError {
  return new TwilioError(20413, `Request body is larger than ${maxBytes} bytes`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function utf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new TwilioError(20001, 'Invalid request body: it is not valid UTF-8');
  }
}

/** Reads a body once: the first call's read is the answer to every later call. */
export function readOnce(read: (maxBytes: number) => Promise<string>): (maxBytes: number) => Promise<string> {
  let reading: Promise<string> | undefined;
  return (maxBytes) => {
    reading ??= read(maxBytes);
    return reading;
  };
}
