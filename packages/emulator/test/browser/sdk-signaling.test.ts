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
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { emulatorHttpClient } from '../../src/twilio-http-client.js';

/**
 * The unmodified `twilio-video` SDK (its npm bundle) in Chromium, connecting to roomlab's signaling
 * server: room and participant events, REST completing the room, and token errors, as an app sees them.
 */
let pages: StaticServer;
let origin: string;
let browser: Browser;
let emulator: RunningServer;
let page: Page;

beforeAll(async () => {
  const sdk = createRequire(import.meta.url).resolve('twilio-video/dist/twilio-video.js');
  const html = new URL('./sdk-page.html', import.meta.url).pathname;
  pages = await serveStatic({ files: { '/': html, '/twilio-video.js': sdk } });
  origin = pages.origin;
  browser = await launchChromium({ media: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

beforeEach(async () => {
  emulator = await startServer({ port: 0, media: false }); // signaling only: media runs in a network namespace (see sdk-media);
  page = await browser.newPage();
  await page.goto(origin);
});

afterEach(async () => {
  await page.close();
  await emulator.close();
});

async function token(identity: string, options: { room?: string; ttl?: number } = {}) {
  const { accountSid, apiKeySid, apiKeySecret } = emulator.emulator.credentials;
  return mintAccessToken({
    accountSid,
    apiKeySid,
    apiKeySecret,
    identity,
    ...options,
    now: emulator.emulator.control.now(),
  });
}

type Joined = {
  sid?: string;
  name?: string;
  participantSid?: string;
  identity?: string;
  remotes?: string[];
  error?: number;
};

async function join(
  key: string,
  identity: string,
  options: Record<string, unknown> = {},
  tokenOptions = {},
): Promise<Joined> {
  const jwt = await token(identity, tokenOptions);
  return page.evaluate(
    ([k, t, o]) =>
      (window as unknown as { join: (k: string, t: string, o: unknown) => Promise<Joined> }).join(k, t, o),
    [key, jwt, { wsServer: emulator.signalingUrl, name: 'standup', tracks: [], ...options }] as const,
  );
}

const log = () => page.evaluate(() => (window as unknown as { log: string[] }).log);
const setAudioEnabled = (key: string, enabled: boolean) =>
  page.evaluate(
    ([k, on]) =>
      (window as unknown as { setAudioEnabled: (k: string, on: boolean) => void }).setAudioEnabled(k, on),
    [key, enabled] as const,
  );
const until = (entry: string) => expect.poll(log, { timeout: 10_000 }).toContain(entry);

describe('the twilio-video SDK on roomlab (signaling)', () => {
  it('connects two participants to one room; each sees the other join and leave', async () => {
    const alice = await join('alice', 'alice');
    expect(alice).toMatchObject({ name: 'standup', identity: 'alice', remotes: [] });
    expect(alice.sid).toMatch(/^RM[0-9a-f]{32}$/);
    const bob = await join('bob', 'bob');
    expect(bob).toMatchObject({ sid: alice.sid, remotes: ['alice'] });
    await until('alice:participantConnected:bob');

    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    const listed = await client.video.v1.rooms('standup').participants.list();
    expect(listed.map((p) => p.sid).sort()).toEqual([alice.participantSid, bob.participantSid].sort());

    await page.evaluate(() =>
      (window as unknown as { rooms: Record<string, { disconnect(): void }> }).rooms.bob?.disconnect(),
    );
    await until('alice:participantDisconnected:bob');
    await until('bob:disconnected:none');
  });

  it("shows a participant's camera and microphone being published, muted, unmuted and unpublished", async () => {
    await join('alice', 'alice');
    await join('bob', 'bob', { tracks: undefined, audio: true, video: { width: 320, height: 240 } });
    await until('alice:trackPublished:bob:audio');
    await until('alice:trackPublished:bob:video');
    await setAudioEnabled('bob', false);
    await until('alice:trackDisabled:bob:audio');
    await setAudioEnabled('bob', true);
    await until('alice:trackEnabled:bob:audio');
    await page.evaluate(() => {
      const room = (
        window as unknown as {
          rooms: Record<
            string,
            {
              localParticipant: {
                videoTracks: Map<string, { track: unknown }>;
                unpublishTrack(track: unknown): void;
              };
            }
          >;
        }
      ).rooms.bob;
      for (const publication of room?.localParticipant.videoTracks.values() ?? [])
        room?.localParticipant.unpublishTrack(publication.track);
    });
    await until('alice:trackUnpublished:bob:video');
  });

  it('shows a track’s publish priority to the others, and its change as publishPriorityChanged', async () => {
    await join('alice', 'alice');
    await join('bob', 'bob');
    type Publication = { kind: string; publishPriority: string; setPriority(priority: string): void };
    type PriorityPage = {
      log: string[];
      Twilio: { Video: { createLocalAudioTrack(): Promise<unknown> } };
      rooms: Record<
        string,
        {
          on(
            event: string,
            listener: (priority: string, publication: Publication, p: { identity: string }) => void,
          ): void;
          localParticipant: { publishTrack(track: unknown, options: unknown): Promise<Publication> };
          participants: Map<string, { tracks: Map<string, Publication> }>;
        }
      >;
      priorityPublication: Publication;
    };
    await page.evaluate(async () => {
      const w = window as unknown as PriorityPage;
      w.rooms.bob?.on('trackPublishPriorityChanged', (priority, publication, p) =>
        w.log.push(`bob:trackPublishPriorityChanged:${p.identity}:${publication.kind}:${priority}`),
      );
      const track = await w.Twilio.Video.createLocalAudioTrack();
      const publishing = w.rooms.alice?.localParticipant.publishTrack(track, { priority: 'high' });
      if (publishing) w.priorityPublication = await publishing;
    });
    await until('bob:trackPublished:alice:audio');
    const seenByBob = () =>
      page.evaluate(() =>
        [...((window as unknown as PriorityPage).rooms.bob?.participants.values() ?? [])].flatMap((p) =>
          [...p.tracks.values()].map((publication) => publication.publishPriority),
        ),
      );
    expect(await seenByBob()).toEqual(['high']);
    await page.evaluate(() => (window as unknown as PriorityPage).priorityPublication.setPriority('low'));
    await until('bob:trackPublishPriorityChanged:alice:audio:low');
    expect(await seenByBob()).toEqual(['low']);
  });

  it('reconnects (53001, then reconnected) when roomlab drops its socket, and stays in the room', async () => {
    const alice = await join('alice', 'alice');
    await join('bob', 'bob');
    const dropped = await fetch(
      `${emulator.url}/_roomlab/signaling/drop?ParticipantSid=${alice.participantSid}`,
      { method: 'POST' },
    );
    expect(await dropped.json()).toEqual({ dropped: 1 });
    await until('alice:reconnecting:53001');
    await until('alice:reconnected');
    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    expect(
      (await client.video.v1.rooms('standup').participants.list()).map((p) => p.identity).sort(),
    ).toEqual(['alice', 'bob']);
    await page.evaluate(() =>
      (window as unknown as { rooms: Record<string, { disconnect(): void }> }).rooms.bob?.disconnect(),
    );
    await until('alice:participantDisconnected:bob');
  });

  it('shows a participant whose page closed as reconnecting, then disconnected after the session timeout', async () => {
    await emulator.close();
    emulator = await startServer({ port: 0, media: false, sessionTimeoutSeconds: 2 });
    await join('alice', 'alice');
    const other = await browser.newPage();
    await other.goto(origin);
    const bobToken = await token('bob');
    await other.evaluate(
      ([t, ws]) =>
        (window as unknown as { join: (k: string, t: string, o: unknown) => Promise<unknown> }).join(
          'bob',
          t,
          { wsServer: ws, name: 'standup', tracks: [] },
        ),
      [bobToken, emulator.signalingUrl] as const,
    );
    await until('alice:participantConnected:bob');
    await other.close();
    await until('alice:participantReconnecting:bob');
    await until('alice:participantDisconnected:bob');
    const { accountSid, authToken } = emulator.emulator.credentials;
    const client = twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
    expect((await client.video.v1.rooms('standup').participants.list()).map((p) => p.identity)).toEqual([
      'alice',
    ]);
  });

  it('disconnects every participant with 53118 when REST completes the room', async () => {
    await join('alice', 'alice');
    await join('bob', 'bob');
    const { accountSid, authToken } = emulator.emulator.credentials;
    await twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) })
      .video.v1.rooms('standup')
      .update({ status: 'completed' });
    await until('alice:disconnected:53118');
    await until('bob:disconnected:53118');
  });

  it('rejects connect with the SDK’s codes for an expired token, a token for another room, and a full room', async () => {
    const expiredToken = await token('alice', { ttl: 60 });
    emulator.emulator.control.advanceClock(61_000);
    const expired = await page.evaluate(
      ([t, ws]) =>
        (window as unknown as { join: (k: string, t: string, o: unknown) => Promise<Joined> }).join('x', t, {
          wsServer: ws,
          name: 'standup',
          tracks: [],
        }),
      [expiredToken, emulator.signalingUrl] as const,
    );
    expect(expired.error).toBe(20104);
    expect((await join('wrong', 'alice', {}, { room: 'retro' })).error).toBe(20106);
    const { accountSid, authToken } = emulator.emulator.credentials;
    await twilio(accountSid, authToken, {
      httpClient: emulatorHttpClient(emulator.url),
    }).video.v1.rooms.create({ uniqueName: 'pair', type: 'go' });
    await join('a', 'a', { name: 'pair' });
    await join('b', 'b', { name: 'pair' });
    expect((await join('c', 'c', { name: 'pair' })).error).toBe(53105);
  });
});
