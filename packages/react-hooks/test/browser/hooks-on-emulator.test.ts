// @vitest-environment node
import { mintAccessToken } from '@roomlab/core';
import { type RunningServer, startServer } from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { type Browser, launchChromium, type StaticServer, serveBundle } from '@roomlab/test-harness';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The hooks with the real twilio-video SDK in Chromium, on rooms of roomlab's emulator (signaling only:
 * no media is needed to see participants and room state).
 */
let pages: StaticServer;
let browser: Browser;
let emulator: RunningServer;

beforeAll(async () => {
  pages = await serveBundle(new URL('.', import.meta.url).pathname);
  emulator = await startServer({ port: 0, media: false });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await pages?.close();
});

async function open(identity: string) {
  const { credentials, control } = emulator.emulator;
  const token = await mintAccessToken({ ...credentials, identity, now: control.now() });
  const page = await browser.newPage();
  const query = new URLSearchParams({ token, room: 'hooks', ws: emulator.signalingUrl });
  await page.goto(`${pages.origin}/?${query}`);
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
