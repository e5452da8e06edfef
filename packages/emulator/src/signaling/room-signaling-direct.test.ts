import {
  createEngine,
  type Engine,
  type LogEntry,
  manualClock,
  memoryLogger,
  mintAccessToken,
  subscribedTracksOf,
} from '@roomlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { audioLevelUri } from './media/audio-level.js';
import type { MediaClient, Sfu, TrackTap } from './media/sfu.js';
import { roomSignaling } from './room-signaling.js';
import type { TcmpConnection } from './tcmp-connection.js';

/**
 * Room signaling driven directly, without sockets: fake connections that keep what they are sent, a
 * fake media server, and fake timers once everyone has joined. What a participant or a room leaves
 * behind when it goes, and how signaling answers a failure of its own.
 */

interface FakeConnection extends TcmpConnection {
  readonly sent: Record<string, unknown>[];
}

function fakeConnection(): FakeConnection {
  const sent: Record<string, unknown>[] = [];
  let open = true;
  return {
    sent,
    send: (body) => sent.push(body as Record<string, unknown>),
    sendJson: (body) => sent.push(JSON.parse(body) as Record<string, unknown>),
    close: () => {
      open = false;
    },
    get open() {
      return open;
    },
  };
}

/**
 * A media server that does nothing but note who is told to be speaking, what was said, the features
 * each client was granted, and the taps on tracks (for a test to play packets into); `describe` may be
 * sabotaged. No media reaches it until a test says the clients' microphones' media arrived.
 */
function fakeSfu(describe: Sfu['describe'] = () => undefined) {
  const speakers: (string | null)[] = [];
  const transcripts: { roomSid: string; message: Record<string, unknown> }[] = [];
  const clients = new Map<string, MediaClient>();
  /** Each impaired session, with its client's conditions when the media server was told. */
  const impaired: [string, unknown][] = [];
  const features = new Map<string, ReadonlySet<string>>();
  const taps = new Map<string, TrackTap>();
  const sfu: Sfu = {
    join: (sessionId, client) => {
      clients.set(sessionId, client);
      features.set(sessionId, client.features);
    },
    leave: () => undefined,
    describe,
    subscribe: () => undefined,
    reallocate: () => undefined,
    dominantSpeaker: (_roomSid, participantSid) => speakers.push(participantSid),
    tapTrack: (trackSid, tap) => {
      taps.set(trackSid, tap);
      return () => taps.delete(trackSid);
    },
    transcribed: (roomSid, message) => transcripts.push({ roomSid, message }),
    networkConditionsChanged: (sessionId) =>
      impaired.push([sessionId, clients.get(sessionId)?.networkConditions?.()]),
    close: () => undefined,
  };
  /** The media of every joined client's microphone reaches the media server, as a browser's would. */
  const micMediaArrives = () => {
    for (const client of clients.values()) {
      const trackSid = client.trackSidOf(mic.id);
      if (trackSid) client.mediaArrived?.(trackSid, 'audio');
    }
  };
  return { sfu, speakers, transcripts, impaired, features, taps, micMediaArrives };
}

const sessionTimeoutSeconds = 30;
const mic = { id: 'mic-1', kind: 'audio', name: 'mic', enabled: true };

function setUp(sfu: Sfu) {
  const engine: Engine = createEngine({ clock: manualClock() });
  const account = engine.addAccount({ apiKeys: [{ friendlyName: 'test key' }] });
  const [key] = [...account.apiKeys.values()];
  if (!key) throw new Error('the account has no API key');
  const logger = memoryLogger();
  let sessions = 0;
  const signaling = roomSignaling(engine, () => `SE${++sessions}`, { sfu, sessionTimeoutSeconds, logger });

  /** Sends a client's `connect` to room `standup`, with a microphone; returns its connection. */
  const connect = async (identity: string, extra: Record<string, unknown> = {}) => {
    const token = await mintAccessToken({
      accountSid: account.sid,
      apiKeySid: key.sid,
      apiKeySecret: key.secret,
      identity,
      now: engine.clock.now(),
    });
    const connection = fakeConnection();
    signaling.receive(
      { type: 'connect', name: 'standup', token, participant: { revision: 1, tracks: [mic] }, ...extra },
      connection,
    );
    return connection;
  };

  /** Connects a client and waits for its `connected`. */
  const join = async (identity: string, extra: Record<string, unknown> = {}) => {
    const connection = await connect(identity, extra);
    await vi.waitFor(() => expect(connection.sent.map((body) => body.type)).toContain('connected'));
    const connected = connection.sent.find((body) => body.type === 'connected') as {
      sid: string;
      session: string;
      participant: { sid: string };
    };
    return { connection, roomSid: connected.sid, session: connected.session, sid: connected.participant.sid };
  };
  return { engine, accountSid: account.sid, signaling, logger, connect, join };
}

/** Alice and Bob in a room, each with a microphone; then Bob's socket drops, on fake timers from here. */
async function bobsSocketDropped() {
  const fake = fakeSfu();
  const room = setUp(fake.sfu);
  const alice = await room.join('alice');
  const bob = await room.join('bob');
  fake.micMediaArrives();
  vi.useFakeTimers();
  room.signaling.closed(bob.connection, false);
  return { ...room, alice, bob };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('what a participant leaves behind', () => {
  it('leaves no timer, no message and no state once it is disconnected after its socket dropped', async () => {
    const { engine, accountSid, signaling, alice, bob } = await bobsSocketDropped();
    expect(vi.getTimerCount()).toBe(1);

    engine.disconnectParticipant({ accountSid, room: bob.roomSid, participant: bob.sid });
    expect(vi.getTimerCount()).toBe(0);
    expect(signaling.held()).toEqual({ sessions: 1, participants: 1, rooms: 1, recordingRooms: 1 });
    const told = { alice: alice.connection.sent.length, bob: bob.connection.sent.length };
    const events = engine.events().length;
    vi.advanceTimersByTime(2 * sessionTimeoutSeconds * 1000);
    expect(engine.events().length).toBe(events);
    expect({ alice: alice.connection.sent.length, bob: bob.connection.sent.length }).toEqual(told);

    signaling.receive({ type: 'disconnect' }, alice.connection);
    await vi.waitFor(() => expect(signaling.held().sessions).toBe(0));
    // Nobody's audio is left to listen to.
    expect(signaling.held()).toEqual({ sessions: 0, participants: 0, rooms: 0, recordingRooms: 1 });
  });

  it('leaves nothing when its room ends while its socket is dropped, and the others are told completed', async () => {
    const { engine, accountSid, signaling, alice, bob } = await bobsSocketDropped();
    const toldBob = bob.connection.sent.length;

    engine.completeRoom({ accountSid, room: alice.roomSid });
    expect(vi.getTimerCount()).toBe(0);
    expect(alice.connection.sent.at(-1)).toEqual({
      type: 'disconnected',
      version: 2,
      session: alice.session,
      status: 'completed',
    });
    expect(alice.connection.open).toBe(false);
    expect(signaling.held()).toEqual({ sessions: 0, participants: 0, rooms: 0, recordingRooms: 0 });
    const toldAlice = alice.connection.sent.length;
    vi.advanceTimersByTime(2 * sessionTimeoutSeconds * 1000);
    expect([alice.connection.sent.length, bob.connection.sent.length]).toEqual([toldAlice, toldBob]);
  });

  it('still times out a participant that never comes back, then holds nothing for it', async () => {
    const { engine, signaling, alice, bob } = await bobsSocketDropped();
    vi.advanceTimersByTime(sessionTimeoutSeconds * 1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(engine.events().at(-1)).toMatchObject({
      name: 'participant-disconnected',
      participant: { sid: bob.sid },
      reason: { code: 53001 },
    });
    expect(alice.connection.sent.at(-1)).toMatchObject({
      type: 'update',
      participants: [{ sid: bob.sid, state: 'disconnected' }],
    });
    expect(signaling.held()).toEqual({ sessions: 1, participants: 1, rooms: 1, recordingRooms: 1 });
  });
});

describe('the dominant speaker', () => {
  /** Plays `seconds` of audio into the taps on alice's and bob's microphones: a packet every 20 ms at these levels. */
  const play = (sfu: ReturnType<typeof fakeSfu>, levels: Record<string, number>, seconds: number) => {
    for (let at = 0; at < seconds * 1000; at += 20) {
      for (const [trackSid, level] of Object.entries(levels)) {
        const extensions = { [audioLevelUri]: { v: true, level } };
        sfu.taps.get(trackSid)?.(new RtpPacket(new RtpHeader(), Buffer.alloc(0)), opus, extensions);
      }
      vi.advanceTimersByTime(20);
    }
  };
  const opus = new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 });
  const micOf = (engine: Engine, accountSid: string, who: { roomSid: string; sid: string }) =>
    [
      ...engine
        .getParticipant({ accountSid, room: who.roomSid, participant: who.sid })
        .publishedTracks.keys(),
    ][0] ?? '';

  it('is who the media server hears loudest and sustained, never the silent one; the clients are told, and told nobody when it leaves', async () => {
    const fake = fakeSfu();
    const { engine, accountSid, join, signaling } = setUp(fake.sfu);
    const alice = await join('alice');
    const bob = await join('bob');
    fake.micMediaArrives();
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] });
    play(fake, { [micOf(engine, accountSid, alice)]: 127, [micOf(engine, accountSid, bob)]: 9 }, 3);
    await vi.waitFor(() => expect(fake.speakers).toEqual([bob.sid]));
    expect(engine.getRoom({ accountSid, room: bob.roomSid }).dominantSpeaker).toEqual({
      detected: bob.sid,
      forced: null,
    });
    signaling.receive({ type: 'disconnect' }, bob.connection);
    await vi.waitFor(() => expect(fake.speakers).toEqual([bob.sid, null]));
    expect(fake.taps.size).toBe(1);
  });

  it('is not listened for in a peer-to-peer room, whose clients are not granted it', async () => {
    const fake = fakeSfu();
    const { engine, accountSid, join } = setUp(fake.sfu);
    engine.createRoom({ accountSid }, { uniqueName: 'standup', type: 'peer-to-peer' });
    const asked = { media_signaling: { active_speaker: {}, network_quality: {} } };
    const alice = await join('alice', asked);
    fake.micMediaArrives();
    expect([...(fake.features.get(alice.session) ?? [])]).toEqual([]);
    expect(fake.taps.size).toBe(0);
  });

  it('is not listened for until audio reaches the media server, and no longer once the audio is unpublished', async () => {
    const fake = fakeSfu();
    const { engine, accountSid, join, signaling } = setUp(fake.sfu);
    const alice = await join('alice');
    const bob = await join('bob');
    expect([fake.taps.size, signaling.held().rooms]).toEqual([0, 0]);

    fake.micMediaArrives();
    expect([fake.taps.size, signaling.held().rooms]).toEqual([2, 1]);
    for (const who of [alice, bob])
      engine.unpublishTrack({
        accountSid,
        room: who.roomSid,
        participant: who.sid,
        track: micOf(engine, accountSid, who),
      });
    expect([fake.taps.size, signaling.held().rooms]).toEqual([0, 0]);
  });
});

describe('network conditions', () => {
  it("reach the media server for the participant's own session, as the engine holds them", async () => {
    const { sfu, impaired } = fakeSfu();
    const { engine, accountSid, join } = setUp(sfu);
    const alice = await join('alice');
    await join('bob');
    const ref = { accountSid, room: alice.roomSid, participant: alice.sid };
    engine.setNetworkConditions(ref, { packetLossPercent: 30 });
    engine.setNetworkConditions(ref, null);
    expect(impaired).toEqual([
      [alice.session, { packetLossPercent: 30 }],
      [alice.session, null],
    ]);
  });
});

describe('transcripts', () => {
  it("go to the media server for the speaker's room, in the message shape the SDK emits as `transcription`", async () => {
    const { sfu, transcripts } = fakeSfu();
    const { engine, accountSid, join } = setUp(sfu);
    const alice = await join('alice');
    const { ttid } = engine.createTranscription({ accountSid, room: alice.roomSid });
    const microphone = engine.getParticipant({
      accountSid,
      room: alice.roomSid,
      participant: alice.sid,
    }).publishedTracks;
    const [track] = [...microphone.values()];
    engine.transcribe(
      { accountSid, room: alice.roomSid, participant: alice.sid },
      { transcription: 'Good morning' },
    );
    expect(transcripts).toEqual([
      {
        roomSid: alice.roomSid,
        message: {
          type: 'extension_transcriptions',
          version: '1.0',
          participant: alice.sid,
          track: track?.sid,
          sequence_number: 1,
          timestamp: new Date(engine.clock.now()).toISOString().replace('Z', '000000Z'),
          partial_results: false,
          language_code: 'en-US',
          transcription: 'Good morning',
        },
      },
    ]);
    engine.updateTranscription(
      { accountSid, room: alice.roomSid, ttid },
      { configuration: { partialResults: true, languageCode: 'en-GB' } },
    );
    engine.transcribe(
      { accountSid, room: alice.roomSid, participant: 'alice' },
      { transcription: 'Good eve', partialResults: true, stability: 0.6 },
    );
    expect(transcripts.at(-1)?.message).toMatchObject({
      sequence_number: 2,
      partial_results: true,
      stability: 0.6,
      language_code: 'en-GB',
    });
  });
});

describe('failures of signaling itself', () => {
  it('logs a non-Twilio failure while handling a connected client and answers it with 53000', async () => {
    const sabotaged = fakeSfu(() => {
      throw new Error('the media server broke');
    });
    const { signaling, logger, join } = setUp(sabotaged.sfu);
    const alice = await join('alice');
    const offer = { id: 'pc-1', description: { type: 'offer', revision: 1, sdp: 'v=0\r\n' } };
    signaling.receive(
      { type: 'update', session: alice.session, peer_connections: [offer] },
      alice.connection,
    );
    await vi.waitFor(() => expect(alice.connection.sent.at(-1)?.type).toBe('error'));
    expect(alice.connection.sent.at(-1)).toEqual({
      type: 'error',
      code: 53000,
      message: 'Signaling connection error',
    });
    expect(alice.connection.open).toBe(true);
    expect(logger.entries).toEqual([
      { level: 'error', message: 'signaling failed', cause: new Error('the media server broke') },
    ] satisfies LogEntry[]);
  });
});

describe("subscribe rules asked for at connect (the SDK's automaticSubscription)", () => {
  it("are the participant's rules: excluding all receives nothing, including all receives everything", async () => {
    const { engine, accountSid, join } = setUp(fakeSfu().sfu);
    const alice = await join('alice');
    const subscribe = (type: 'include' | 'exclude') => ({
      subscribe: { rules: [{ type, all: true }], revision: 1 },
    });
    const bob = await join('bob', subscribe('exclude'));
    const carol = await join('carol', subscribe('include'));
    const subscribed = (who: { sid: string; roomSid: string }) =>
      subscribedTracksOf(
        engine.getRoom({ accountSid, room: who.roomSid }),
        engine.getParticipant({ accountSid, room: who.roomSid, participant: who.sid }),
      ).map(({ subscription }) => subscription);
    expect(subscribed(bob)).toEqual([]);
    expect(
      subscribed(carol)
        .map((track) => track.publisherSid)
        .sort(),
    ).toEqual([alice.sid, bob.sid].sort());
    expect(engine.getSubscribeRules({ accountSid, room: bob.roomSid, participant: bob.sid }).rules).toEqual([
      { type: 'exclude', all: true },
    ]);
  });

  it('refuses rules that are not rules with 53215, and the client does not join', async () => {
    const { engine, accountSid, join } = setUp(fakeSfu().sfu);
    await join('alice');
    await expect(
      join('bob', { subscribe: { rules: [{ type: 'sometimes' }], revision: 1 } }),
    ).rejects.toThrow();
    expect(engine.listParticipants({ accountSid, room: 'standup' }).map((p) => p.identity)).toEqual([
      'alice',
    ]);
  });
});
