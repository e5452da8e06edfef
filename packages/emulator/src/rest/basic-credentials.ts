import { base64 } from '../base64.js';

export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The last Authorization header read and what it held: a client sends the same one on every request,
 * and decoding it is a measurable part of a request's cost.
 */
let last: { header: string; credentials: BasicCredentials | undefined } | undefined;

/** The username and password of an HTTP Basic Authorization header; undefined for anything else. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined) return undefined;
  if (last?.header !== header) last = { header, credentials: decodeBasic(header) };
  return last.credentials;
}

function decodeBasic(header: string): BasicCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,2048})$/i.exec(header.trim());
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = base64.decode(match[1] as string);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
