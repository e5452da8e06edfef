import { manualClock } from '@roomlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator.js';
import { startInProcess } from '../msw-node.js';
import { type RunningServer, startServer } from '../server.js';
import { eventReader, type ReadEvent } from '../test-support/live-events.js';
import { runCli, stopCliRuns } from '../test-support/run-cli.js';

const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  stopCliRuns();
});

/** Counts what is subscribed through `target[method]` from now on and not yet unsubscribed. */
function countSubscriptions<T extends object, K extends keyof T>(target: T, method: K) {
  const original = target[method] as (...args: unknown[]) => () => void;
  let active = 0;
  (target as Record<K, unknown>)[method] = (...args: unknown[]) => {
    const stop = original.apply(target, args);
    active += 1;
    let stopped = false;
    return () => {
      if (!stopped) active -= 1;
      stopped = true;
      stop();
    };
  };
  return () => active;
}

const summary = (event: ReadEvent | undefined) => {
  const data = event?.data as Record<string, unknown> | undefined;
  if (event?.event === 'engine') return `engine ${data?.name}`;
  if (event?.event === 'request') return `request ${data?.method} ${data?.path} ${data?.status}`;
  return event?.event;
};

async function serverWithCounts() {
  const clock = manualClock();
  const running: RunningServer = await startServer({ port: 0, media: false, clock, sids: { seed: 'live' } });
  closing.push(() => running.close());
  const { emulator } = running;
  const counts = [
    countSubscriptions(emulator.engine, 'subscribe'),
    countSubscriptions(emulator.statusCallbacks, 'onChange'),
    countSubscriptions(clock, 'onAdvance'),
  ];
  return { running, clock, listening: () => counts.map((count) => count()) };
}

describe('GET /_roomlab/live over HTTP', () => {
  it('streams what happens, in order, and lets go of everything when the client goes', async () => {
    const { running, clock, listening } = await serverWithCounts();
    const { emulator } = running;
    const { accountSid, authToken } = emulator.credentials;
    const aborting = new AbortController();
    const live = await fetch(`${running.url}/_roomlab/live`, { signal: aborting.signal });
    expect([live.status, live.headers.get('content-type')]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
    ]);
    const events = eventReader(live.body as ReadableStream<Uint8Array>);
    const hello = await events.next();
    expect(hello).toEqual({
      id: '1',
      event: 'hello',
      data: { now: clock.now(), iso: new Date(clock.now()).toISOString() },
    });
    expect(listening()).toEqual([1, 1, 1]);

    const created = await fetch(`${running.url}/v1/Rooms`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
      body: new URLSearchParams({ UniqueName: 'standup' }),
    });
    const room = (await created.json()) as { sid: string };
    const alice = emulator.engine.connectParticipant({ accountSid, room: room.sid }, { identity: 'alice' });
    const disconnected = await fetch(
      `${running.url}/_roomlab/participants/disconnect?ParticipantSid=${alice.sid}`,
      { method: 'POST' },
    );
    expect(disconnected.status).toBe(200);
    clock.advance(1000);

    const read: ReadEvent[] = [];
    for (let i = 0; i < 5; i++) read.push((await events.next()) as ReadEvent);
    expect(read.map(summary)).toEqual([
      'engine room-created',
      'request POST /v1/Rooms 201',
      'engine participant-connected',
      'engine participant-disconnected',
      'clock',
    ]);
    expect(read.map((event) => event.id)).toEqual(['2', '3', '4', '5', '6']);
    expect(read[0]?.data).toEqual(emulator.control.events({ name: 'room-created' })[0]);
    expect(read[1]?.data).toEqual(emulator.control.requests({ method: 'POST' })[0]);

    aborting.abort();
    await expect.poll(listening).toEqual([0, 0, 0]);
  });

  it('ends open streams when the server closes', async () => {
    const { running } = await serverWithCounts();
    const live = await fetch(`${running.url}/_roomlab/live`);
    const events = eventReader(live.body as ReadableStream<Uint8Array>);
    expect((await events.next())?.event).toBe('hello');
    const closed = running.close();
    await expect(events.next()).rejects.toThrow();
    await closed;
  });
});

describe('GET /_roomlab/live from `roomlab start`', () => {
  it('streams, and takes a client that leaves as no error', async () => {
    // Not the test runner's NODE_ENV=test, under which Express prints no error it is handed.
    const cli = runCli(['start', '--port', '0', '--no-proxy'], { NODE_ENV: 'production' });
    const { url } = await cli.ready();
    const aborting = new AbortController();
    const live = await fetch(`${url}/_roomlab/live`, { signal: aborting.signal });
    const events = eventReader(live.body as ReadableStream<Uint8Array>);
    expect((await events.next())?.event).toBe('hello');
    aborting.abort();
    // The server has seen the client go once it answers the next request on another connection.
    await expect.poll(async () => (await fetch(`${url}/health`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cli.output().stderr).toBe('');
  });
});

describe('GET /_roomlab/live in process', () => {
  it('streams through msw to a fetch in the same process, until the emulator closes', async () => {
    const inProcess = startInProcess({ clock: manualClock() });
    const live = await fetch('https://video.twilio.com/_roomlab/live');
    const events = eventReader(live.body as ReadableStream<Uint8Array>);
    expect((await events.next())?.event).toBe('hello');
    inProcess.emulator.control.advanceClock(60_000);
    expect(summary(await events.next())).toBe('clock');
    // msw keeps a copy of each mocked response, so a client's cancel never reaches the emulator: the
    // stream is the emulator's to end.
    inProcess.close();
    expect(await events.next()).toBeUndefined();
  });

  it('ends when the emulator closes', async () => {
    const emulator = createEmulator({ clock: manualClock() });
    const live = await emulator.handle(new Request('https://video.twilio.com/_roomlab/live'));
    const events = eventReader(live.body as ReadableStream<Uint8Array>);
    expect((await events.next())?.event).toBe('hello');
    emulator.close();
    expect(await events.next()).toBeUndefined();
  });
});
