import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mintAccessToken } from '@roomlab/core';
import {
  type Browser,
  launchChromium,
  type Page,
  type StaticServer,
  serveStatic,
} from '@roomlab/test-harness';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { emulatorHttpClient } from '../../src/twilio-http-client.js';

/**
 * The inspector (`/_roomlab/ui/`, built by `pnpm build` into dist/inspector/) in Chromium, on a running
 * emulator, while the real twilio-video SDK joins, publishes and leaves in another page: each change
 * shows with no reload, and the page's controls, used from the keyboard, act through the control API.
 * Screenshots go to test-results/inspector/; with ROOMLAB_SCREENSHOTS=docs they replace the ones in
 * docs/inspector/ that the README shows (so a test run does not rewrite committed files).
 */
type Locator = ReturnType<Page['locator']>;

let emulator: RunningServer;
let pages: StaticServer;
let browser: Browser;
let sdk: Page;
let inspector: Page;
const screenshots = new URL(
  process.env.ROOMLAB_SCREENSHOTS === 'docs' ? '../../docs/inspector/' : '../../test-results/inspector/',
  import.meta.url,
).pathname;

beforeAll(async () => {
  // The page is what `pnpm build` made (turbo builds before it tests): say so rather than time out.
  if (!existsSync(new URL('../../dist/inspector/index.html', import.meta.url)))
    throw new Error('The inspector is not built: run pnpm --filter @roomlab/emulator build first');
  emulator = await startServer({ port: 0, media: false }); // signaling only: no WebRTC media outside a namespace
  const sdkBundle = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
  pages = await serveStatic({
    files: { '/': new URL('./sdk-page.html', import.meta.url).pathname, '/twilio-video.js': sdkBundle },
    // The room's status callbacks come here, so the page has webhooks to show.
    routes: { '/hooks': (_request, response) => void response.writeHead(204).end() },
  });
  browser = await launchChromium({ media: true });
  sdk = await browser.newPage();
  await sdk.goto(pages.origin);
  inspector = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await mkdir(screenshots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await emulator?.close();
});

async function join(identity: string) {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const token = await mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret,
    identity,
    now: emulator.emulator.control.now(),
  });
  const options = { wsServer: emulator.signalingUrl, name: 'standup', tracks: [] };
  return sdk.evaluate(
    ([key, jwt, o]) =>
      (
        window as unknown as {
          join: (k: string, t: string, o: unknown) => Promise<{ participantSid?: string }>;
        }
      ).join(key, jwt, o),
    [identity, token, options] as const,
  );
}

const control = async (path: string) => (await fetch(`${emulator.url}/_roomlab/${path}`)).json();
const text = (locator: Locator) => async () => (await locator.textContent()) ?? '';
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Presses Tab until `target` has the focus: the control is reachable from the keyboard alone. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 300; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the control was never reached with Tab');
}

describe('the inspector', () => {
  it('shows a real SDK participant join, publish and leave as they happen, with no reload', async () => {
    await inspector.goto(`${emulator.url}/_roomlab/ui/`);
    // A mark on the page's window: a reload would take it away.
    await inspector.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    await poll(text(inspector.locator('#connection'))).toBe('live');

    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    await client.video.v1.rooms.create({ uniqueName: 'standup', statusCallback: `${pages.origin}/hooks` });
    const room = inspector.getByRole('article', { name: /^standup/ });
    await poll(text(room)).toContain('in-progress');

    const alice = await join('alice');
    const participants = room.getByRole('list', { name: 'Participants of standup' });
    await poll(text(participants)).toContain('alice');
    expect(await text(participants)()).toContain('connected');

    await sdk.evaluate(() =>
      (window as unknown as { publish: (k: string, kind: string) => Promise<string> }).publish(
        'alice',
        'audio',
      ),
    );
    const published = room.getByRole('list', { name: 'Tracks alice publishes' });
    await poll(text(published)).toContain('audio');

    await join('bob');
    await poll(text(participants)).toContain('bob');
    const timeline = room.locator('.timeline svg');
    for (const mark of [
      'alice: participant-connected',
      'alice: track-added audio',
      'bob: participant-connected',
    ])
      await poll(() => timeline.locator(`[data-mark^="${mark}"]`).count()).toBe(1);
    // The room's webhooks reached the receiver, and sit on the timeline.
    await poll(() => timeline.locator('.mark.webhook.delivered').count()).toBeGreaterThanOrEqual(3);
    await inspector.screenshot({ path: `${screenshots}inspector.png`, fullPage: true });

    await sdk.evaluate(() =>
      (window as unknown as { rooms: Record<string, { disconnect(): void }> }).rooms.alice?.disconnect(),
    );
    const aliceItem = participants.locator(`[data-participant-sid="${alice.participantSid}"]`);
    await poll(text(aliceItem)).toContain('disconnected');
    await poll(() => timeline.locator('[data-mark^="alice: participant-disconnected"]').count()).toBe(1);
    // The requests the test made are in the log, and its filters find them.
    const requests = inspector.getByRole('table');
    await inspector.getByLabel('Path contains').fill('/v1/Rooms');
    await inspector.getByLabel('Method').first().selectOption('POST');
    await poll(text(requests.locator('tbody'))).toContain('UniqueName=standup');

    expect(await inspector.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(
      true,
    );
  });

  it('forces a network level and adds and clears a fault from the keyboard, through the control API', async () => {
    const level = inspector.getByLabel('Network level of bob');
    await tabTo(inspector, level);
    await inspector.keyboard.press('2'); // a focused select picks the option its key starts
    await tabTo(inspector, inspector.getByRole('button', { name: 'Set level' }).last());
    await inspector.keyboard.press('Enter');
    const levels = async () => {
      const state = (await control('state')) as {
        accounts: {
          rooms: { participants: { identity: string; networkQualityLevel?: number | null }[] }[];
        }[];
      };
      return state.accounts
        .flatMap((account) => account.rooms.flatMap((room) => room.participants))
        .map((participant) => `${participant.identity}:${participant.networkQualityLevel ?? 'measured'}`);
    };
    await poll(levels).toEqual(['alice:measured', 'bob:2']);
    await poll(text(inspector.getByRole('list', { name: 'Participants of standup' }))).toContain(
      'forced level 2',
    );

    await tabTo(inspector, inspector.getByLabel('Twilio error code'));
    await inspector.keyboard.type('20500');
    await inspector.keyboard.press('Enter'); // submits the form
    const faults = async () => ((await control('faults')) as { faults: { errorCode?: number }[] }).faults;
    await poll(faults).toEqual([expect.objectContaining({ kind: 'rest', errorCode: 20500 })]);
    const listed = inspector.getByRole('region', { name: 'Faults' }).getByRole('listitem');
    await poll(text(listed)).toContain('error 20500');
    await tabTo(inspector, inspector.getByRole('button', { name: 'Clear all faults' }));
    await inspector.keyboard.press('Enter');
    await poll(faults).toEqual([]);
    await poll(() => listed.count()).toBe(0);
  });

  it('completes the room and advances the clock from the keyboard, through the control API', async () => {
    const before = (await control('clock')) as { now: number };
    const seconds = inspector.getByLabel('Seconds to advance');
    await tabTo(inspector, seconds);
    await inspector.keyboard.press('ControlOrMeta+A');
    await inspector.keyboard.type('300');
    await inspector.keyboard.press('Enter');
    await poll(async () => ((await control('clock')) as { now: number }).now).toBeGreaterThanOrEqual(
      before.now + 300_000,
    );
    // The page shows the time the stream last told it: the advance's.
    await poll(async () => Date.parse(await text(inspector.locator('#clock-now'))())).toBeGreaterThanOrEqual(
      before.now + 300_000,
    );

    const complete = inspector.getByRole('button', { name: 'Complete room standup' });
    await tabTo(inspector, complete);
    await inspector.keyboard.press('Enter');
    const rooms = async () => {
      const state = (await control('state')) as {
        accounts: { rooms: { uniqueName: string; status: string }[] }[];
      };
      return state.accounts
        .flatMap((account) => account.rooms)
        .map((room) => `${room.uniqueName}:${room.status}`);
    };
    await poll(rooms).toEqual(['standup:completed']);
    // Bob, still in it, is told as Twilio tells him: 53118, room completed.
    await poll(() => sdk.evaluate(() => (window as unknown as { log: string[] }).log)).toContain(
      'bob:disconnected:53118',
    );
    const room = inspector.getByRole('article', { name: /^standup/ });
    await poll(text(room)).toContain('completed');
    await poll(() => room.locator('[data-mark="room-ended"]').count()).toBe(1);
    await room.locator('.timeline').screenshot({ path: `${screenshots}timeline.png` });
    expect(await inspector.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(
      true,
    );
  });
});
