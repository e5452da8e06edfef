import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { checkResponse } from '@roomlab/core/conformance';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from './chromium.js';

/**
 * `startInBrowser()` in a real Chromium: the page is bundled with Vite, served from 127.0.0.1 with
 * msw's `mockServiceWorker.js`; its requests to https://video.twilio.com and the SDK's signaling
 * socket to wss://global.vss.twilio.com never leave the page.
 */
let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'roomlab-browser-'));
  await build({
    root: new URL('.', import.meta.url).pathname,
    logLevel: 'error',
    resolve: { conditions: ['roomlab-source', 'browser', 'module', 'import', 'default'] },
    build: { outDir, emptyOutDir: true, minify: false },
  });
  const worker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  server = createServer(async (request, response) => {
    const path = request.url === '/' ? '/index.html' : (request.url ?? '/');
    const file = path === '/mockServiceWorker.js' ? worker : join(outDir, path.replace(/\.\./g, ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
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
