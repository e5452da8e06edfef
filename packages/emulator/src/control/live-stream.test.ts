import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveFollower } from './live-feed.js';
import { keepAliveMs, liveStream } from './live-stream.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A feed with one follower slot, to drive a stream by hand. */
function handFeed() {
  let follower: LiveFollower | undefined;
  return {
    follow(next: LiveFollower) {
      follower = next;
      return () => {
        follower = undefined;
      };
    },
    follower: () => follower,
  };
}

const decoder = new TextDecoder();

describe('liveStream', () => {
  it('says hello, numbers every event, and keeps an idle connection alive every 15 s', async () => {
    vi.useFakeTimers();
    const feed = handFeed();
    const answer = liveStream(feed, { now: () => Date.UTC(2026, 0, 1) });
    expect(answer.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    const next = async () => decoder.decode((await reader.read()).value);
    expect(await next()).toBe(
      'id: 1\nevent: hello\ndata: {"now":1767225600000,"iso":"2026-01-01T00:00:00.000Z"}\n\n',
    );
    feed.follower()?.event({ type: 'reset', data: {} });
    expect(await next()).toBe('id: 2\nevent: reset\ndata: {}\n\n');
    vi.advanceTimersByTime(keepAliveMs - 1);
    feed.follower()?.event({ type: 'faults', data: { faults: [] } });
    expect(await next()).toBe('id: 3\nevent: faults\ndata: {"faults":[]}\n\n');
    vi.advanceTimersByTime(1);
    expect(await next()).toBe(': keep-alive\n\n');
    await reader.cancel();
  });

  it('lets go of its follow and its timer when the client goes', async () => {
    vi.useFakeTimers();
    const feed = handFeed();
    const answer = liveStream(feed, { now: () => 0 });
    expect([feed.follower() !== undefined, vi.getTimerCount()]).toEqual([true, 1]);
    await (answer.body as ReadableStream<Uint8Array>).cancel();
    expect([feed.follower() !== undefined, vi.getTimerCount()]).toEqual([false, 0]);
  });

  it('ends when the feed ends (the emulator closed), with its timer gone', async () => {
    vi.useFakeTimers();
    const feed = handFeed();
    const answer = liveStream(feed, { now: () => 0 });
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    feed.follower()?.end();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect([feed.follower() !== undefined, vi.getTimerCount()]).toEqual([false, 0]);
  });
});
