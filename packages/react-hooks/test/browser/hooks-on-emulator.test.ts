// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { mintAccessToken } from '@roomlab/core';
import { type RunningServer, startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { type Browser, chromium } from 'playwright-core';
import twilio from 'twilio';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The hooks with the real twilio-video SDK in Chromium, on rooms of roomlab's emulator (signaling only:
 * no media is needed to see participants and room state).
 */
let outDir: string;
let pages: Server;
let origin: string;
let browser: Browser;
let emulator: RunningServer;

const chromiumPath = process.env.ROOMLAB_CHROMIUM ?? '/usr/bin/chromium';
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is not at ${chromiumPath}: run node scripts/ensure-test-tools.mjs`);
  outDir = await mkdtemp(join(tmpdir(), 'roomlab-hooks-'));
  await build({
    root: new URL('.', import.meta.url).pathname,
    logLevel: 'error',
    resolve: { conditions: ['roomlab-source', 'browser', 'module', 'import', 'default'] },
    build: { outDir, emptyOutDir: true, minify: false },
  });
  pages = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(outDir, path === '/' ? 'index.html' : path.replace(/\.\./g, ''));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  emulator = await startServer({ port: 0, media: false });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  if (pages) await new Promise((resolve) => pages.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function open(identity: string) {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const token = await mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret,
    identity,
    now: emulator.emulator.control.now(),
  });
  const page = await browser.newPage();
  const query = new URLSearchParams({ token, room: 'hooks', ws: emulator.signalingUrl });
  await page.goto(`${origin}/?${query}`);
  return page;
}

describe('hooks on the emulator with the real SDK', () => {
  it('show connecting, then each other as participants and as the main participant, then 53118 when REST completes the room', async () => {
    const alice = await open('alice');
    await expect.poll(() => alice.textContent('#state'), { timeout: 10_000 }).toBe('connected');
    expect(await alice.textContent('#main')).toBe('alice (you)');
    const bob = await open('bob');
    await expect.poll(() => bob.textContent('#state'), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => alice.locator('li').allTextContents(), { timeout: 10_000 }).toEqual(['bob']);
    expect(await bob.locator('li').allTextContents()).toEqual(['alice']);
    expect(await alice.textContent('#main')).toBe('bob');

    await bob.close();
    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    await client.video.v1.rooms('hooks').update({ status: 'completed' });
    await expect.poll(() => alice.textContent('#state'), { timeout: 10_000 }).toBe('disconnected 53118');
    await alice.close();
  }, 60_000);
});
