import { createRequire } from 'node:module';
import { checkResponse } from '@roomlab/core/conformance';
import { type Browser, launchChromium, type StaticServer, serveBundle } from '@roomlab/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `startInBrowser()` in a real Chromium: the page is bundled with Vite, served from 127.0.0.1 with
 * msw's `mockServiceWorker.js`; its requests to https://video.twilio.com and the SDK's signaling
 * socket to wss://global.vss.twilio.com never leave the page.
 */
let server: StaticServer;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const worker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  server = await serveBundle(new URL('.', import.meta.url).pathname, {
    files: { '/mockServiceWorker.js': worker },
  });
  origin = server.origin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('msw in a browser page', () => {
  it("answers Twilio's REST host and the SDK's signaling from the page, with Twilio's JSON and errors", async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('https://video.twilio.com')) {
        outside.push(request.url());
      }
    });
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(origin);
    const { exchanges, sdk } = await page.evaluate(
      () =>
        (
          window as unknown as {
            roomlabResult: Promise<{
              exchanges: { method: string; url: string; status: number; body: Record<string, unknown> }[];
              sdk: Record<string, unknown>;
            }>;
          }
        ).roomlabResult,
    );
    const [created, fetched, duplicate, unauthorized] = exchanges;
    expect(created).toMatchObject({
      status: 201,
      body: { unique_name: 'in-the-browser', max_participants: 3, status: 'in-progress' },
    });
    expect(fetched).toMatchObject({ status: 200, body: { sid: created?.body.sid } });
    expect(duplicate).toMatchObject({ status: 400, body: { code: 53113 } });
    expect(unauthorized).toMatchObject({ status: 401, body: { code: 20003 } });
    for (const exchange of exchanges) expect(checkResponse(exchange)).toEqual([]);
    // The real SDK, with no wsServer option, joined rooms of the page's emulator: no socket left the page.
    expect(sdk).toEqual({
      aliceSees: ['bob'],
      bobSees: ['alice'],
      listed: ['alice', 'bob'],
      completed: 202,
      disconnected: 53118,
    });
    expect(outside).toEqual([]);
    expect(sockets).toEqual([]);
    await page.close();
  }, 60_000);
});
