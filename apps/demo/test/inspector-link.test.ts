import { type Browser, launchChromium } from '@roomlab/test-harness';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer } from './demo-server.mjs';

/** The demo's server, and a Chromium with no camera: the lobby is all this test opens. */
let demo: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  demo?.server.kill();
});

it("links to roomlab's inspector, which the emulator serves at /_roomlab/ui/", async () => {
  const page = await browser.newPage();
  await page.goto(demo.shown('roomlab demo on'));
  const link = page.getByRole('link', { name: 'Inspector' });
  expect(await link.getAttribute('target')).toBe('_blank');
  // The page links to its own server, which alone knows where the emulator is, and is sent on there.
  await page.goto(new URL((await link.getAttribute('href')) ?? '', page.url()).href);
  expect(page.url()).toBe(`${demo.shown('roomlab emulator on')}/_roomlab/ui/`);
  await page.getByRole('heading', { name: 'roomlab inspector' }).waitFor({ timeout: 10_000 });
  await page.close();
}, 60_000);
