import type { LoggedRequest } from './wire-types.js';

/** The request log's filters as the page's inputs hold them ('' for any). */
export interface RequestFilter {
  method: string;
  /** An HTTP status (`404`) or a Twilio error code (`20404`). */
  code: string;
  /** Text anywhere in the path, in any case. */
  path: string;
}

export const anyRequest: RequestFilter = { method: '', code: '', path: '' };

/** Whether a logged request passes the filters. */
export function requestMatches(request: LoggedRequest, filter: RequestFilter): boolean {
  const code = filter.code.trim();
  return (
    (filter.method === '' || request.method === filter.method) &&
    (code === '' || String(request.status) === code || String(request.errorCode) === code) &&
    (filter.path === '' || request.path.toLowerCase().includes(filter.path.trim().toLowerCase()))
  );
}
