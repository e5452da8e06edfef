import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One status callback as it reached the capture. */
export interface CapturedWebhook {
  method: string;
  /** The full URL called, as `twilio.validateRequest` wants it. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Form parameters (POST) or query parameters (GET). */
  params: Record<string, string>;
  /** `StatusCallbackEvent`, e.g. `room-created`. */
  event: string | undefined;
}

export interface WebhookCapture {
  /** Give this as a room's `StatusCallback`. */
  url: string;
  /** Everything received, in order. */
  received: readonly CapturedWebhook[];
  /** Resolves with the first webhook (already received or still to come) that matches. */
  waitFor(
    event: string,
    match?: (webhook: CapturedWebhook) => boolean,
    timeoutMs?: number,
  ): Promise<CapturedWebhook>;
  close(): Promise<void>;
}

/**
 * A webhook receiver on a loopback port the OS picks: what an app's status callback endpoint would get,
 * kept for a test to inspect. It answers 204 to everything.
 */
export async function captureWebhooks(): Promise<WebhookCapture> {
  const received: CapturedWebhook[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = `http://${request.headers.host}${request.url}`;
      const query = Object.fromEntries(new URL(url).searchParams);
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const params = request.method === 'GET' ? query : form;
      received.push({
        method: request.method ?? '',
        url,
        headers: request.headers,
        params,
        event: params.StatusCallbackEvent,
      });
      response.statusCode = 204;
      response.end();
      for (const waiter of [...waiters]) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status-callbacks`,
    received,
    waitFor(event, match = () => true, timeoutMs = 5000) {
      const find = () => received.find((webhook) => webhook.event === event && match(webhook));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no ${event} webhook within ${timeoutMs} ms (received: ${received.map((w) => w.event).join(', ') || 'none'})`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          const hit = find();
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
