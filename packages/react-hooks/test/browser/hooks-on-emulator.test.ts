// @vitest-environment node
import { mintAccessToken } from '@roomlab/core';
import {
  connectScripted,
  type RunningServer,
  type ScriptedParticipant,
  startServer,
} from '@roomlab/emulator';
import { emulatorHttpClient } from '@roomlab/emulator/twilio';
import { type Browser, launchChromium, type StaticServer, serveBundle } from '@roomlab/test-harness';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The hooks with the real twilio-video SDK in Chromium, on rooms of roomlab's emulator (signaling only:
 * no media is needed to see participants and room state; a recorded track of a participant scripted
 * from Node is recorded as silence).
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

const tokenFor = (identity: string) => {
  const { credentials, control } = emulator.emulator;
  return mintAccessToken({ ...credentials, identity, now: control.now() });
};

async function open(identity: string, room = 'hooks') {
  const page = await browser.newPage();
  const query = new URLSearchParams({ token: await tokenFor(identity), room, ws: emulator.signalingUrl });
  await page.goto(`${pages.origin}/?${query}`);
  return page;
}

const rest = () => {
  const { accountSid, authToken } = emulator.emulator.credentials;
  return twilio(accountSid, authToken, { httpClient: emulatorHttpClient(emulator.url) });
};

/** A participant scripted from Node publishing a microphone: a track the room can record. */
async function talker(identity: string, room: string): Promise<ScriptedParticipant> {
  const participant = await connectScripted(emulator.signalingUrl, await tokenFor(identity), {
    name: room,
    tracks: [{ kind: 'audio', name: 'mic' }],
  });
  await participant.waitFor(() => participant.published.has('mic'));
  return participant;
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
    await rest().video.v1.rooms('hooks').update({ status: 'completed' });
    await expect.poll(() => alice.textContent('#state'), { timeout: 10_000 }).toBe('disconnected 53118');
    await alice.close();
  }, 60_000);

  it('show the recording indicator turn on when the recording rules include the tracks, and off when they exclude them', async () => {
    await rest().video.v1.rooms.create({ uniqueName: 'recorded-later' });
    const carol = await talker('carol', 'recorded-later');
    const alice = await open('alice', 'recorded-later');
    await expect.poll(() => alice.textContent('#state'), { timeout: 10_000 }).toBe('connected');
    expect(await alice.textContent('#recording')).toBe('not recording');

    const rules = rest().video.v1.rooms('recorded-later').recordingRules;
    await rules.update({ rules: [{ type: 'include', all: true }] });
    await expect.poll(() => alice.textContent('#recording'), { timeout: 10_000 }).toBe('recording');
    await rules.update({ rules: [{ type: 'exclude', all: true }] });
    await expect.poll(() => alice.textContent('#recording'), { timeout: 10_000 }).toBe('not recording');
    await alice.close();
    await carol.disconnect();
  }, 60_000);

  it('show a room that already records as recording from the moment they connect', async () => {
    await rest().video.v1.rooms.create({ uniqueName: 'recorded', recordParticipantsOnConnect: true });
    const dave = await talker('dave', 'recorded');
    const bob = await open('bob', 'recorded');
    await expect.poll(() => bob.textContent('#state'), { timeout: 10_000 }).toBe('connected');
    // Nothing changes after bob connects: only what he was told on connecting can make this true.
    expect(await bob.textContent('#recording')).toBe('recording');
    await bob.close();
    await dave.disconnect();
  }, 60_000);
});
