import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EventStream, inspectorStore } from './inspector-store.js';
import type { EngineEvent, EngineState, LoggedRequest } from './wire-types.js';

/** A stand-in for the browser's EventSource: the test sends it the server's events. */
function fakeStream() {
  const listeners = new Map<string, (event: MessageEvent<string>) => void>();
  const stream: EventStream & { closed: boolean } = {
    onerror: null,
    closed: false,
    addEventListener: (type, listener) => listeners.set(type, listener),
    close() {
      stream.closed = true;
    },
  };
  const send = (type: string, payload: unknown) =>
    listeners.get(type)?.({ data: JSON.stringify(payload) } as MessageEvent<string>);
  return { stream, send };
}

const engineState = (events: Partial<EngineEvent>[] = [], takenAt = 1000): EngineState =>
  ({
    format: 'roomlab-engine-state',
    version: 1,
    takenAt,
    sequence: events.length,
    accounts: [],
    events,
  }) as EngineState;

const request = (id: number): LoggedRequest => ({
  id,
  at: 1000 + id,
  method: 'GET',
  path: '/v1/Rooms',
  params: [],
  status: 200,
  errorCode: null,
  durationMs: 1,
});

/** A control API whose answers the test sets, counting each path it is asked for. */
function fakeApi() {
  const answers: Record<string, unknown> = {
    state: engineState(),
    'requests?Limit=1000': { requests: [request(1)] },
    'status-callbacks': { status_callbacks: [] },
    faults: { faults: [] },
    clock: { now: 1000, iso: new Date(1000).toISOString() },
  };
  const asked: string[] = [];
  const load = async (path: string) => {
    asked.push(path);
    if (!(path in answers)) throw new Error(`20404: ${path} was not found`);
    return answers[path];
  };
  return { answers, asked, load };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the inspector store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is live once the stream says hello, and then holds everything the control API answers', async () => {
    const { stream, send } = fakeStream();
    const api = fakeApi();
    const store = inspectorStore({ load: api.load, openStream: () => stream });
    expect(store.getSnapshot().connection).toBe('connecting');
    send('hello', { now: 1000, iso: new Date(1000).toISOString() });
    await settle();
    expect(store.getSnapshot()).toMatchObject({ connection: 'live', requests: [request(1)], problem: null });
    expect(api.asked.sort()).toEqual(['clock', 'faults', 'requests?Limit=1000', 'state', 'status-callbacks']);
  });

  it('adds requests and deliveries from the stream, and a repeated one once', async () => {
    const { stream, send } = fakeStream();
    const store = inspectorStore({ load: fakeApi().load, openStream: () => stream });
    send('hello', { now: 1000, iso: '' });
    await settle();
    send('request', request(3));
    send('request', request(2));
    send('request', request(3));
    expect(store.getSnapshot().requests.map((each) => each.id)).toEqual([1, 2, 3]);
    const delivery = { id: 'd1', state: 'pending', attempts: [] };
    send('status-callback', delivery);
    send('status-callback', { ...delivery, state: 'delivered' });
    expect(store.getSnapshot().deliveries).toEqual([{ ...delivery, state: 'delivered' }]);
  });

  it('fetches the state once for a burst of engine events, after the delay', async () => {
    const { stream, send } = fakeStream();
    const api = fakeApi();
    const store = inspectorStore({ load: api.load, openStream: () => stream, refetchDelayMs: 100 });
    for (const sequence of [1, 2, 3])
      send('engine', { sequence, name: 'participant-connected', timestamp: 1 });
    expect(store.getSnapshot().events.map((event) => event.sequence)).toEqual([1, 2, 3]);
    api.answers.state = engineState(
      [{ sequence: 1 }, { sequence: 2 }, { sequence: 3 }, { sequence: 4 }],
      2000,
    );
    await vi.advanceTimersByTimeAsync(99);
    expect(api.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.asked).toEqual(['state']);
    expect(store.getSnapshot().state?.takenAt).toBe(2000);
    // The snapshot says the time it was taken: the clock shown moves on to it.
    expect(store.getSnapshot().clock).toEqual({ now: 2000, iso: new Date(2000).toISOString() });
    expect(store.getSnapshot().events.map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('replaces everything on reset, keeping what the stream brought while it fetched', async () => {
    const { stream, send } = fakeStream();
    const api = fakeApi();
    const store = inspectorStore({ load: api.load, openStream: () => stream });
    send('hello', { now: 1000, iso: '' });
    await settle();
    api.answers['requests?Limit=1000'] = { requests: [] };
    send('reset', {});
    send('request', request(7));
    await settle();
    expect(store.getSnapshot().requests.map((each) => each.id)).toEqual([7]);
  });

  it('takes faults and the clock as the stream sends them', () => {
    const { stream, send } = fakeStream();
    const store = inspectorStore({ load: fakeApi().load, openStream: () => stream });
    send('faults', { faults: [{ id: 'FT0001', kind: 'insights', action: 'stall' }] });
    send('clock', { now: 5000, iso: new Date(5000).toISOString() });
    expect(store.getSnapshot()).toMatchObject({ faults: [{ id: 'FT0001' }], clock: { now: 5000 } });
  });

  it('says it is reconnecting when the stream fails, and what failed to load', async () => {
    const { stream, send } = fakeStream();
    const api = fakeApi();
    delete api.answers.faults;
    const store = inspectorStore({ load: api.load, openStream: () => stream });
    stream.onerror?.(new Event('error'));
    expect(store.getSnapshot().connection).toBe('reconnecting');
    send('hello', { now: 1000, iso: '' });
    await settle();
    expect(store.getSnapshot().problem).toBe('20404: faults was not found');
  });

  it('tells subscribers of each change, and on close stops the stream and any refetch waiting', async () => {
    const { stream, send } = fakeStream();
    const api = fakeApi();
    const store = inspectorStore({ load: api.load, openStream: () => stream });
    const listener = vi.fn();
    store.subscribe(listener);
    send('engine', { sequence: 1, name: 'room-created', timestamp: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    store.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stream.closed).toBe(true);
    expect(api.asked).toEqual([]);
  });
});
