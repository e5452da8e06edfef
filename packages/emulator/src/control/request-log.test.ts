import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log.js';

const answered = (path: string) => ({
  at: 0,
  method: 'GET',
  path,
  sent: { query: '', form: '' },
  status: 200,
  errorCode: null,
  durationMs: 1,
});

describe('the request log', () => {
  it('keeps the newest requests up to its capacity, with ids that keep counting', () => {
    const log = requestLog(2);
    for (const path of ['/v1/Rooms/a', '/v1/Rooms/b', '/v1/Rooms/c']) log.record(answered(path));
    expect(log.list().map((entry) => [entry.id, entry.path])).toEqual([
      [2, '/v1/Rooms/b'],
      [3, '/v1/Rooms/c'],
    ]);
    expect(log.list({ after: 2 }).map((entry) => entry.id)).toEqual([3]);
    log.clear();
    log.record(answered('/v1/Rooms/d'));
    expect(log.list().map((entry) => entry.id)).toEqual([4]);
  });

  it('shows the query and form parameters a request was sent with, repeated keys and all', () => {
    const log = requestLog(2);
    log.record({ ...answered('/v1/Rooms'), sent: { query: 'PageSize=2', form: 'Type=go&X=a+b&X=%C3%A9' } });
    expect(log.list()[0]?.params).toEqual([
      ['PageSize', '2'],
      ['Type', 'go'],
      ['X', 'a b'],
      ['X', 'é'],
    ]);
  });
});
