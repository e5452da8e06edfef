import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';
import { listenerSet } from '../listener-set.js';
import { type LiveEvent, type LiveSources, liveFeed } from './live-feed.js';

const emulators: Emulator[] = [];
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.close();
});

/** An emulator whose status callbacks are answered 200 (or 500 for URLs ending in /fail). */
function emulatorWithHooks() {
  const emulator = createEmulator({
    clock: manualClock(),
    sids: { seed: 'live-feed' },
    statusCallbacks: {
      retryDelayMs: 1,
      fetch: async (url) => new Response('', { status: String(url).endsWith('/fail') ? 500 : 200 }),
    },
  });
  emulators.push(emulator);
  return emulator;
}

const basic = (emulator: Emulator) => {
  const { accountSid, authToken } = emulator.credentials;
  return `Basic ${btoa(`${accountSid}:${authToken}`)}`;
};

/** What a follower heard, as `type:detail` lines. */
function follow(emulator: Emulator) {
  const heard: LiveEvent[] = [];
  let ended = false;
  const stop = emulator.control.follow({ event: (event) => heard.push(event), end: () => (ended = true) });
  const lines = () =>
    heard.map((event) => {
      switch (event.type) {
        case 'engine':
          return `engine:${event.data.name}`;
        case 'request':
          return `request:${event.data.method} ${event.data.path} ${event.data.status}`;
        case 'status-callback':
          return `status-callback:${event.data.event} ${event.data.state} ${event.data.attempts.length}`;
        case 'faults':
          return `faults:${event.data.faults.map((fault) => fault.id).join(',')}`;
        default:
          return event.type;
      }
    });
  return { heard, lines, stop, ended: () => ended };
}

describe('control.follow: every change of the emulator as it happens', () => {
  it('tells engine events and their deliveries, then the request that caused them, then each attempt', async () => {
    const emulator = emulatorWithHooks();
    const feed = follow(emulator);
    const created = await emulator.handle(
      new Request('https://video.twilio.com/v1/Rooms', {
        method: 'POST',
        headers: { authorization: basic(emulator), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'UniqueName=daily&StatusCallback=https://hooks.example/ok',
      }),
    );
    expect(created.status).toBe(201);
    await emulator.statusCallbacks.idle();
    // The delivery is queued by a listener of the engine older than the feed's, so it is told first.
    expect(feed.lines()).toEqual([
      'status-callback:room-created pending 0',
      'engine:room-created',
      'request:POST /v1/Rooms 201',
      'status-callback:room-created pending 1',
      'status-callback:room-created delivered 1',
    ]);
  });

  it('tells a failed delivery, and its redelivery by Id, attempt by attempt', async () => {
    const emulator = emulatorWithHooks();
    const { accountSid } = emulator.credentials;
    emulator.engine.createRoom({ accountSid }, { statusCallback: 'https://hooks.example/fail' });
    await emulator.statusCallbacks.idle();
    const [failed] = emulator.control.statusCallbacks({ state: 'failed' });
    const feed = follow(emulator);
    expect(emulator.control.redeliverStatusCallbacks({ id: failed?.id })).toBe(1);
    await emulator.statusCallbacks.idle();
    const attempts = failed?.attempts.length ?? 0;
    expect(feed.lines()[0]).toBe(`status-callback:room-created pending ${attempts / 2}`);
    expect(feed.lines().at(-1)).toBe(`status-callback:room-created failed ${attempts}`);
    // Each event is the delivery as it was then, not the record that kept changing.
    const counts = feed.heard.map((event) =>
      event.type === 'status-callback' ? event.data.attempts.length : -1,
    );
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('tells faults as they change (used up too), clock advances, and a state replaced', async () => {
    const emulator = emulatorWithHooks();
    const feed = follow(emulator);
    const fault = emulator.control.faults.add({ path: '/v1/Rooms', errorCode: 20500, times: 1 });
    const answer = await emulator.handle(
      new Request('https://video.twilio.com/v1/Rooms', { headers: { authorization: basic(emulator) } }),
    );
    expect(answer.status).toBe(500);
    emulator.control.advanceClock(5000);
    await emulator.control.seed({ accounts: [{ rooms: [{ uniqueName: 'seeded' }] }] });
    emulator.control.reset();
    expect(feed.lines()).toEqual([
      `faults:${fault.id}`,
      'faults:',
      'request:GET /v1/Rooms 500',
      'clock',
      'engine:room-created',
      'reset',
      'reset',
    ]);
    const clock = feed.heard.find((event) => event.type === 'clock');
    expect(clock?.data).toEqual({
      now: emulator.control.now(),
      iso: new Date(emulator.control.now()).toISOString(),
    });
  });

  it('stops telling a follower that stopped, and ends every follower when the emulator closes', () => {
    const emulator = emulatorWithHooks();
    const first = follow(emulator);
    const second = follow(emulator);
    first.stop();
    emulator.control.advanceClock(1);
    expect([first.heard.length, second.heard.length]).toEqual([0, 1]);
    emulator.close();
    expect([first.ended(), second.ended()]).toEqual([false, true]);
  });
});

/** Sources whose listeners can be counted. */
function countedSources() {
  const sets = {
    engine: listenerSet<never>(),
    requests: listenerSet<never>(),
    statusCallbacks: listenerSet<never>(),
    faults: listenerSet<never>(),
    clock: listenerSet<void>(),
    resets: listenerSet<void>(),
  };
  const errors: unknown[] = [];
  const sources: LiveSources = {
    engine: { subscribe: sets.engine.add },
    requests: { onRecord: sets.requests.add },
    statusCallbacks: { onChange: sets.statusCallbacks.add },
    faults: { onChange: sets.faults.add },
    clock: { now: () => 0, onAdvance: sets.clock.add },
    resets: sets.resets,
    logger: { error: (...args: unknown[]) => errors.push(args), warn: () => {}, info: () => {} } as never,
  };
  const listening = () => Object.values(sets).map((set) => set.size);
  return { sets, sources, listening, errors };
}

describe('liveFeed', () => {
  it('listens to its sources only while someone follows', () => {
    const { sources, listening } = countedSources();
    const feed = liveFeed(sources);
    expect(listening()).toEqual([0, 0, 0, 0, 0, 0]);
    const follower = { event: () => {}, end: () => {} };
    const stopOne = feed.follow(follower);
    const stopTwo = feed.follow({ ...follower });
    expect(listening()).toEqual([1, 1, 1, 1, 1, 1]);
    stopOne();
    expect(feed.followers).toBe(1);
    expect(listening()).toEqual([1, 1, 1, 1, 1, 1]);
    stopTwo();
    expect([feed.followers, ...listening()]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('drops (and logs) a follower that throws, so the change that told it goes on', () => {
    const { sets, sources, listening, errors } = countedSources();
    const feed = liveFeed(sources);
    feed.follow({
      event: () => {
        throw new Error('broken view');
      },
      end: () => {},
    });
    expect(() => sets.clock.emit()).not.toThrow();
    expect(errors).toHaveLength(1);
    expect([feed.followers, ...listening()]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
