import { describe, expect, it } from 'vitest';
import { anyRequest, requestMatches } from './request-filter.js';
import type { LoggedRequest } from './wire-types.js';

const logged = (method: string, path: string, status: number, errorCode: number | null) =>
  ({ id: 1, at: 0, method, path, params: [], status, errorCode, durationMs: 1 }) as LoggedRequest;

const requests = [
  logged('POST', '/v1/Rooms', 201, null),
  logged('GET', '/v1/Rooms/RM1/Participants', 200, null),
  logged('GET', '/v1/Rooms/missing', 404, 20404),
];
const paths = (filter: Partial<typeof anyRequest>) =>
  requests
    .filter((request) => requestMatches(request, { ...anyRequest, ...filter }))
    .map((each) => each.path);

describe('the request log filter', () => {
  it('lets every request through when empty', () => {
    expect(paths({})).toHaveLength(3);
  });

  it('filters by method, by HTTP status or Twilio error code, and by path text in any case', () => {
    expect(paths({ method: 'POST' })).toEqual(['/v1/Rooms']);
    expect(paths({ code: '404' })).toEqual(['/v1/Rooms/missing']);
    expect(paths({ code: ' 20404 ' })).toEqual(['/v1/Rooms/missing']);
    expect(paths({ path: 'participants' })).toEqual(['/v1/Rooms/RM1/Participants']);
    expect(paths({ method: 'GET', code: '200', path: 'rooms' })).toEqual(['/v1/Rooms/RM1/Participants']);
  });
});
