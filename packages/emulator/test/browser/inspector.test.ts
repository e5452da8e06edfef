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
/** A room's StatusCallback receiver that answers 500 while `failing`, and notes what reached it. */
const flaky = { failing: true, received: [] as { event: string; token: string }[] };
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
    routes: {
      '/hooks': (_request, response) => void response.writeHead(204).end(),
      '/flaky-hooks': (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          if (flaky.failing) return void response.writeHead(500).end('down for maintenance');
          const event = new URLSearchParams(Buffer.concat(chunks).toString()).get('StatusCallbackEvent');
          flaky.received.push({
            event: event ?? '',
            token: String(request.headers['i-twilio-idempotency-token']),
          });
          response.writeHead(204).end();
        });
      },
    },
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

async function join(identity: string, room = 'standup') {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  const token = await mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret,
    identity,
    now: emulator.emulator.control.now(),
  });
  const options = { wsServer: emulator.signalingUrl, name: room, tracks: [] };
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
  it('disconnects a participant from the keyboard: its SDK is told as a REST disconnect tells it', async () => {
    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    // Its webhooks fail (500) and are retried once on a 5xx (Twilio's connection overrides): for the next test.
    const room = await client.video.v1.rooms.create({
      uniqueName: 'retro',
      statusCallback: `${pages.origin}/flaky-hooks#rc=1&rp=5xx`,
    });
    const carol = await join('carol', 'retro');
    const dave = await join('dave', 'retro');
    const participants = inspector.getByRole('list', { name: 'Participants of retro' });
    await poll(text(participants)).toContain('dave');

    await tabTo(inspector, inspector.getByRole('button', { name: 'Disconnect carol' }));
    await inspector.keyboard.press('Enter');
    const statusOf = async (participantSid?: string) => {
      const state = (await control(`state?AccountSid=${accountSid}`)) as {
        accounts: { rooms: { participants: { sid: string; status: string }[] }[] }[];
      };
      return state.accounts
        .flatMap((account) => account.rooms.flatMap((each) => each.participants))
        .find((participant) => participant.sid === participantSid)?.status;
    };
    await poll(() => statusOf(carol.participantSid)).toBe('disconnected');
    // Twilio's REST Status=disconnected sends the SDK a `disconnected` with no status, which the SDK
    // turns into a `disconnected` event with no TwilioError (53118 is only for a completed room).
    const sdkLog = () => sdk.evaluate(() => (window as unknown as { log: string[] }).log);
    await poll(sdkLog).toContain('carol:disconnected:none');
    expect(await sdkLog()).toContain('dave:participantDisconnected:carol');
    // The same as REST gives dave:
    await client.video.v1
      .rooms(room.sid)
      .participants(dave.participantSid ?? '')
      .update({ status: 'disconnected' });
    await poll(sdkLog).toContain('dave:disconnected:none');

    const carolItem = participants.locator(`[data-participant-sid="${carol.participantSid}"]`);
    await poll(text(carolItem)).toContain('disconnected');
    expect(await carolItem.getByRole('button', { name: 'Disconnect carol' }).count()).toBe(0);
    const timeline = inspector.getByRole('article', { name: /^retro/ }).locator('.timeline svg');
    await poll(() => timeline.locator('[data-mark^="carol: participant-disconnected"]').count()).toBe(1);
  });

  it('redelivers a failed status callback from the keyboard once its receiver is back', async () => {
    interface Listed {
      id: string;
      event: string;
      state: string;
      params: Record<string, string>;
      attempts: { status: number | null }[];
    }
    const retro = (await control('state')) as {
      accounts: { rooms: { sid: string; uniqueName: string }[] }[];
    };
    const roomSid = retro.accounts
      .flatMap((account) => account.rooms)
      .find((room) => room.uniqueName === 'retro')?.sid;
    const deliveries = async () =>
      ((await control(`status-callbacks?RoomSid=${roomSid}`)) as { status_callbacks: Listed[] })
        .status_callbacks;
    const summary = async () =>
      (await deliveries()).map(
        (d) => `${d.event}:${d.params.ParticipantIdentity ?? '-'}:${d.state}:${d.attempts.length}`,
      );
    // Each one failed after its retry: two attempts, both answered 500.
    await poll(summary).toEqual([
      'room-created:-:failed:2',
      'participant-connected:carol:failed:2',
      'participant-connected:dave:failed:2',
      'participant-disconnected:carol:failed:2',
      'participant-disconnected:dave:failed:2',
    ]);
    const target = (await deliveries()).find(
      (delivery) =>
        delivery.event === 'participant-disconnected' && delivery.params.ParticipantIdentity === 'carol',
    );
    const item = inspector.locator(`[data-delivery-id="${target?.id}"]`);
    await poll(text(item)).toContain('failed');
    expect(await text(item)()).toContain('2 attempts');

    flaky.failing = false;
    // Each delivery's button says whose event it is: carol's and dave's leaving are told apart.
    const redeliver = item.getByRole('button', {
      name: `Redeliver participant-disconnected of carol in room ${roomSid}`,
    });
    await tabTo(inspector, redeliver);
    await inspector.keyboard.press('Enter');
    // The receiver got it once, with the delivery's idempotency token, and nothing else was resent.
    await poll(() => Promise.resolve(flaky.received)).toEqual([
      { event: 'participant-disconnected', token: target?.id },
    ]);
    await poll(summary).toEqual([
      'room-created:-:failed:2',
      'participant-connected:carol:failed:2',
      'participant-connected:dave:failed:2',
      'participant-disconnected:carol:delivered:3',
      'participant-disconnected:dave:failed:2',
    ]);
    const redelivered = (await deliveries()).find((delivery) => delivery.id === target?.id);
    expect(redelivered?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 204]);
    await poll(text(item)).toContain('delivered');
    expect(await text(item)()).toContain('3 attempts');
    expect(await item.getByRole('button').count()).toBe(0);
    await inspector
      .getByRole('region', { name: 'Status callbacks' })
      .screenshot({ path: `${screenshots}deliveries.png` });
    expect(await inspector.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(
      true,
    );
  });
});
