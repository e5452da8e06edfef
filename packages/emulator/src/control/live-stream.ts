import type { EmulatorResponse } from '../emulator-request.js';
import { type ClockReading, clockReading, type LiveFeed } from './live-feed.js';

/** How often an idle stream sends a comment, so proxies and clients keep the connection open. */
export const keepAliveMs = 15_000;

/**
 * How many events may wait for a client that does not read: past it the stream ends (the client
 * reconnects and reads the state afresh) rather than hold an ever longer queue.
 */
export const maxQueuedEvents = 10_000;

const encoder = new TextEncoder();

export interface LiveStreamOptions {
  /** The time the `hello` event gives. */
  now(): number;
  keepAliveMs?: number;
}

/**
 * `GET /_roomlab/live`: the feed as server-sent events. `hello` first, then each change as an event of
 * its type, every one with a running `id`; a `: keep-alive` comment when idle. The stream owns its
 * follow and its timer: both go when the client goes (the transport cancels the body) or when the
 * emulator closes (the feed ends it).
 */
export function liveStream(feed: Pick<LiveFeed, 'follow'>, options: LiveStreamOptions): EmulatorResponse {
  let release = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let id = 0;
      const write = (text: string) => {
        if ((controller.desiredSize ?? 0) < -maxQueuedEvents) return end();
        controller.enqueue(encoder.encode(text));
      };
      const send = (type: string, data: unknown) =>
        write(`id: ${++id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      const timer = setInterval(() => write(': keep-alive\n\n'), options.keepAliveMs ?? keepAliveMs);
      const unfollow = feed.follow({ event: (event) => send(event.type, event.data), end: () => end() });
      release = () => {
        clearInterval(timer);
        unfollow();
      };
      let ended = false;
      const end = () => {
        release();
        if (!ended) controller.close();
        ended = true;
      };
      send('hello', clockReading(options.now()) satisfies ClockReading);
    },
    cancel() {
      release();
    },
  });
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Tells a buffering proxy (nginx) in front of roomlab to pass events on as they come.
      'x-accel-buffering': 'no',
    },
    body,
  };
}
