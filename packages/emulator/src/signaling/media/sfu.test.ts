import { memoryLogger } from '@roomlab/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { createSfu, type Sfu } from './sfu.js';

/**
 * The SFU driven by werift clients that behave as the SDK does (offer their tracks, answer the SFU's
 * offers). Neither side gathers ICE candidates: the descriptions are real, and no packet leaves the
 * process. Timers are fake, so a test sees every timer the SFU leaves behind.
 */
const noNetwork = { iceUseIpv4: false, iceUseIpv6: false };

interface Description {
  type: string;
  revision: number;
  sdp?: string;
}
interface Update {
  peer_connections?: { id: string; description: Description }[];
  subscribed?: { tracks: { sid: string; id: string }[] };
}

const trackSid = (sessionId: string, kind: string, n = 1) => `MT-${sessionId}-${kind}${n > 1 ? n : ''}`;

/** Lets werift's promises settle without moving the fake clock. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 5000 && !condition(); turn++)
    await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/**
 * A participant whose client publishes `kinds` and answers every offer from the SFU; `receiving`: its
 * first offer has an m-line to receive audio and one to receive video first, as the SDK's has.
 * `publish` adds a track later, on a new m-line, and offers again.
 */
async function join(sfu: Sfu, sessionId: string, kinds: ('audio' | 'video')[], receiving = false) {
  const pc = new RTCPeerConnection(noNetwork);
  if (receiving)
    for (const kind of ['audio', 'video'] as const) pc.addTransceiver(kind, { direction: 'recvonly' });
  const sids = new Map<string, string>();
  const addTrack = (kind: 'audio' | 'video', n = 1) => {
    // On a new m-line, as Chromium adds one: werift would take over an idle one.
    for (const transceiver of pc.getTransceivers()) transceiver.usedForSender = true;
    const { sender } = pc.addTransceiver(new MediaStreamTrack({ kind }), { direction: 'sendonly' });
    sender.streamId = sessionId;
    sids.set(sender.trackId, trackSid(sessionId, kind, n));
  };
  for (const kind of kinds) addTrack(kind);
  const received: Description[] = [];
  const subscribed: string[][] = [];
  let work = Promise.resolve();
  sfu.join(sessionId, {
    send(body) {
      const update = body as Update;
      const description = update.peer_connections?.[0]?.description;
      if (update.subscribed) subscribed.push(update.subscribed.tracks.map((track) => track.sid));
      if (!description?.sdp) return;
      received.push(description);
      const { sdp } = description;
      work = work.then(async () => {
        await pc.setRemoteDescription({ type: description.type as 'offer' | 'answer', sdp });
        if (description.type !== 'offer') return;
        await pc.setLocalDescription(await pc.createAnswer());
        const answer = { type: 'answer', revision: description.revision, sdp: pc.localDescription?.sdp };
        sfu.describe(sessionId, 'pc-1', answer);
      });
    },
    trackSidOf: (clientTrackId) => sids.get(clientTrackId),
    roomSid: 'RM1',
    networkQuality: () => ({ local: 5, remotes: [] }),
    features: new Set(),
  });
  let offered = 0;
  const offer = async () => {
    await pc.setLocalDescription(await pc.createOffer());
    offered = Math.max(offered, ...received.map((description) => description.revision)) + 1;
    sfu.describe(sessionId, 'pc-1', { type: 'offer', revision: offered, sdp: pc.localDescription?.sdp });
  };
  await offer();
  /** As the SDK does, once its last offer is answered (the answer may be an error logged instead). */
  const publish = async (kind: 'audio' | 'video', n: number, logger: { entries: unknown[] }) => {
    await until(
      () =>
        received.some((description) => description.type === 'answer' && description.revision === offered) ||
        logger.entries.length > 0,
    );
    await work;
    addTrack(kind, n);
    await offer();
  };
  return { pc, received, subscribed, publish };
}

const answered = (client: { received: Description[] }) => () =>
  client.received.some((description) => description.type === 'answer');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an SFU participant who leaves', () => {
  it('leaves no timer behind and is sent nothing more, nor is anyone else about it', async () => {
    const logger = memoryLogger();
    const sfu = createSfu({ ice: noNetwork, logger });
    const alice = await join(sfu, 'alice', ['audio', 'video']);
    const bob = await join(sfu, 'bob', ['audio']);
    await until(() => answered(alice)() && answered(bob)());
    await vi.advanceTimersByTimeAsync(0);
    sfu.subscribe('bob', [trackSid('alice', 'audio'), trackSid('alice', 'video')]);
    await until(() => bob.subscribed.length > 0);
    expect(bob.subscribed).toEqual([[trackSid('alice', 'audio'), trackSid('alice', 'video')]]);
    // werift announced bob's m-lines while applying his answer; the SFU takes them up a moment later.
    // (The forwards ask alice for keyframes only once packets can reach bob: none flow here.)
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    sfu.leave('bob');
    sfu.leave('alice');
    expect(vi.getTimerCount()).toBe(0);
    const sent = [alice.received.length, bob.received.length];
    await vi.advanceTimersByTimeAsync(60_000);
    expect([alice.received.length, bob.received.length]).toEqual(sent);
    expect(logger.entries).toEqual([]);
    await Promise.all([alice.pc.close(), bob.pc.close()]);
  });

  it('as its tracks arrive: they are never forwarded, and nothing of it fires later', async () => {
    const logger = memoryLogger();
    const sfu = createSfu({ ice: noNetwork, logger });
    const bob = await join(sfu, 'bob', ['audio']);
    await until(answered(bob));
    await vi.advanceTimersByTimeAsync(0);
    sfu.subscribe('bob', [trackSid('alice', 'audio'), trackSid('alice', 'video')]);
    const alice = await join(sfu, 'alice', ['audio', 'video']);
    await until(answered(alice));
    // werift announced alice's tracks while applying her offer; the SFU takes them up a moment later.
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    sfu.leave('alice');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bob.subscribed).toEqual([]);
    expect(bob.received.map((description) => description.type)).toEqual(['answer']);
    expect(logger.entries).toEqual([]);
    sfu.close();
    await Promise.all([alice.pc.close(), bob.pc.close()]);
  });
});

describe('a client that publishes after connecting', () => {
  it('is answered on every m-line it offers, none rejected, and its new tracks are forwarded', async () => {
    const logger = memoryLogger();
    const sfu = createSfu({ ice: noNetwork, logger });
    // Alice joins to receive only, as the SDK does with no tracks, then publishes two cameras, each on
    // a new m-line.
    const alice = await join(sfu, 'alice', [], true);
    const bob = await join(sfu, 'bob', ['audio']);
    await until(() => answered(alice)() && answered(bob)());
    await vi.advanceTimersByTimeAsync(0);
    await alice.publish('video', 1, logger);
    await alice.publish('video', 2, logger);
    const answers = () => alice.received.filter((description) => description.type === 'answer');
    await until(() => answers().length === 3 || logger.entries.length > 0);
    expect(logger.entries).toEqual([]);
    // An idle m-line is answered inactive, not rejected (port 0): Chromium would stop its transceiver,
    // which the SDK publishes on again later.
    expect(
      answers().map((answer) => [...(answer.sdp ?? '').matchAll(/^m=\S+ (\d+)/gm)].map((m) => m[1])),
    ).toEqual([
      ['9', '9'],
      ['9', '9', '9'],
      ['9', '9', '9', '9'],
    ]);
    await vi.advanceTimersByTimeAsync(0);
    sfu.subscribe('bob', [trackSid('alice', 'video'), trackSid('alice', 'video', 2)]);
    await until(() => bob.subscribed.length > 0);
    expect(bob.subscribed.at(-1)).toEqual([trackSid('alice', 'video'), trackSid('alice', 'video', 2)]);
    sfu.close();
    await Promise.all([alice.pc.close(), bob.pc.close()]);
  });
});

describe('SFU errors', () => {
  it('reports an offer it cannot answer through its logger, and answers nothing', async () => {
    const logger = memoryLogger();
    const sfu = createSfu({ ice: noNetwork, logger });
    const sent: unknown[] = [];
    const client = { send: (body: unknown) => sent.push(body), trackSidOf: () => undefined, roomSid: 'RM1' };
    sfu.join('alice', { ...client, networkQuality: () => ({ local: 5, remotes: [] }), features: new Set() });
    sfu.describe('alice', 'pc-1', { type: 'offer', revision: 1, sdp: 'v=0\r\nm=video not-a-port\r\n' });
    await until(() => logger.entries.length > 0);
    expect(logger.entries).toEqual([
      expect.objectContaining({ level: 'error', message: 'media negotiation failed' }),
    ]);
    expect(sent).toEqual([]);
    sfu.close();
  });
});
