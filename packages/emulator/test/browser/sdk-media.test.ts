import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { describe, expect, it } from 'vitest';

/**
 * Media through roomlab's SFU, with the real SDK in Chromium. WebRTC may only flow inside a network
 * namespace the test makes (see the project's ENVIRONMENT notes); media-scenario.mjs runs in there.
 */
interface Scenario {
  joined: { identity?: string; error?: number }[];
  log: string[];
  videos: { key: string; identity: string; frames: number; framesBefore: number; width: number }[];
  audio: { key: string; identity: string; packets: number }[];
  networkQuality: Record<string, { local: number | null; remotes: Record<string, number | null> }>;
  republished?: { key: string; identity: string; frames: number; width: number }[];
  rejoined?: { identity?: string; error?: number };
  seenAfterRejoin?: { key: string; identity: string; frames: number; width: number }[];
  /** Opus's fmtp parameters in each audio m-line of every description the SDKs applied (null: no fmtp line). */
  opusFmtp: { side: 'local' | 'remote'; type: string; fmtp: (string | null)[] }[];
  h264?: {
    joined: { identity?: string; error?: number }[];
    videos: { key: string; identity: string; frames: number; framesBefore: number; width: number }[];
    hugoSubscribedAfterMs: number | null;
    descriptions: Record<
      string,
      { sendingVideo: { sim: number; fid: number }[]; remoteVideoCodecs: string[][] }
    >;
  };
  forcedLevel?: {
    answer: Record<string, unknown>;
    seen: Scenario['networkQuality'];
    cleared: Record<string, unknown>;
    seenAfter: Scenario['networkQuality'];
    /** What each SDK shows as stats while bob's level is forced, and after it is measured again. */
    statsForced: StatsSeen;
    stats: StatsSeen;
  };
  p2p?: { joined: { identity?: string; error?: number }; level: number | null };
  error: string | null;
}

/** Each SDK's `networkQualityStats`: its own, and each remote participant's. */
type StatsSeen = Record<string, { local: QualityStats | null; remotes: Record<string, QualityStats | null> }>;

/** The SDK's `NetworkQualityStats`, as JSON. */
interface QualityStats {
  level: number;
  audio: MediaQualityStats | null;
  video: MediaQualityStats | null;
}
interface DirectionQualityStats {
  bandwidth: { actual: number | null; available: number | null; level: number | null } | null;
  latency: { jitter: number | null; rtt: number | null; level: number | null } | null;
  fractionLost: { fractionLost: number | null; level: number | null } | null;
}
interface MediaQualityStats {
  send: number;
  recv: number;
  sendStats: DirectionQualityStats | null;
  recvStats: DirectionQualityStats | null;
}

async function scenario(
  participants: string[],
  options: {
    data?: boolean;
    republish?: boolean;
    rejoin?: boolean;
    h264?: boolean;
    forceLevel?: boolean;
    /** Network quality verbosity by participant (the others ask for the level alone). */
    nqVerbosity?: Record<string, { local: number; remote: number }>;
    p2p?: boolean;
  } = {},
): Promise<Scenario> {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  return runInNetworkNamespace(new URL('./media-scenario.mjs', import.meta.url).pathname, {
    env: {
      ROOMLAB_PARTICIPANTS: participants.join(','),
      ...(options.data ? { ROOMLAB_DATA: '1' } : {}),
      ...(options.republish ? { ROOMLAB_REPUBLISH: '1' } : {}),
      ...(options.rejoin ? { ROOMLAB_REJOIN: '1' } : {}),
      ...(options.h264 ? { ROOMLAB_H264: '1' } : {}),
      ...(options.forceLevel ? { ROOMLAB_FORCE_LEVEL: '1' } : {}),
      ...(options.nqVerbosity ? { ROOMLAB_NQ_VERBOSITY: JSON.stringify(options.nqVerbosity) } : {}),
      ...(options.p2p ? { ROOMLAB_P2P: '1' } : {}),
    },
    timeoutMs: 110_000,
  });
}

/**
 * Each SDK knows a level (0 to 5) for itself and for every other participant: its levels are null until
 * an answer to its reports comes over the network_quality channel.
 */
function expectNetworkQualityLevels(result: Scenario, everyone: string[]) {
  const level = expect.any(Number);
  const others = (key: string) => everyone.filter((other) => other !== key);
  expect(result.networkQuality).toEqual(
    Object.fromEntries(
      everyone.map((key) => [
        key,
        { local: level, remotes: Object.fromEntries(others(key).map((other) => [other, level])) },
      ]),
    ),
  );
  for (const levels of Object.values(result.networkQuality)) {
    for (const value of [levels.local, ...Object.values(levels.remotes)]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(5);
    }
  }
}

/**
 * The stats behind the levels, at the verbosity each asked for: alice 3 (stats with bandwidth, latency
 * and loss, for herself and for bob), bob 2 (levels per medium, no stats behind them). What alice sees of
 * bob came with his last level change (forced, then measured again): the media server's measurements.
 */
function expectNetworkQualityStats(result: Scenario) {
  const stats = result.forcedLevel?.stats;
  const withStats = expect.objectContaining({
    bandwidth: expect.any(Object),
    latency: expect.any(Object),
    fractionLost: expect.any(Object),
  });
  const detailed = { level: expect.any(Number), audio: expect.any(Object), video: expect.any(Object) };
  expect(stats?.alice?.local).toMatchObject(detailed);
  for (const medium of [
    stats?.alice?.local?.audio,
    stats?.alice?.remotes.bob?.audio,
    stats?.alice?.remotes.bob?.video,
  ])
    expect(medium).toMatchObject({ sendStats: withStats, recvStats: withStats });
  for (const levels of [stats?.bob?.local, stats?.bob?.remotes.alice]) {
    expect(levels).toMatchObject(detailed);
    for (const medium of [levels?.audio, levels?.video])
      expect(medium).toMatchObject({ sendStats: null, recvStats: null });
  }
  const bobsVideo = stats?.alice?.remotes.bob?.video?.sendStats;
  expect(bobsVideo?.bandwidth?.actual).toBeGreaterThan(0);
  expect(bobsVideo?.latency?.rtt).toEqual(expect.any(Number));
  expect(bobsVideo?.fractionLost?.level).toBe(5);
}

/**
 * The SDK turns Opus DTX on unless told not to, by writing `usedtx=1` into Opus's fmtp line of every
 * audio m-line of every description it applies: its own, and the SFU's (whose offers bring the other
 * participant's microphone). It needs the line there to write into.
 */
function expectOpusDtx(result: Scenario) {
  const sfuOffers = result.opusFmtp.filter(({ side, type }) => side === 'remote' && type === 'offer');
  // Its own microphone, and the other participant's.
  expect(sfuOffers.some(({ fmtp }) => fmtp.length >= 2)).toBe(true);
  const withoutDtx = result.opusFmtp.filter(({ fmtp }) =>
    fmtp.some((line) => !line?.split(';').includes('usedtx=1')),
  );
  expect(withoutDtx).toEqual([]);
}

/**
 * In a room created with VideoCodecs=H264, the SFU takes H264 alone: the SDK, asked for VP8 simulcast,
 * sends one H264 stream (twilio-video.js's own spec counts two SSRCs, the stream and its retransmissions,
 * and no simulcast group), and each participant sees the other's camera, frames advancing. Hugo, whose app brings its own
 * RTCPeerConnection class, is told of hana's tracks within the 2 s the SDK's spec allows.
 */
function expectH264Room(result: Scenario) {
  const room = result.h264;
  expect(room?.joined.map((joined) => joined.identity)).toEqual(['hana', 'hugo']);
  expect(room?.videos.map((video) => `${video.key}<-${video.identity}`).sort()).toEqual([
    'hana<-hugo',
    'hugo<-hana',
  ]);
  for (const video of room?.videos ?? []) {
    expect(video.width).toBeGreaterThan(0);
    // Frames keep coming: more were painted in the last two seconds.
    expect(video.frames).toBeGreaterThan(video.framesBefore);
  }
  for (const key of ['hana', 'hugo']) {
    const descriptions = room?.descriptions[key];
    expect(descriptions?.sendingVideo).toEqual([{ sim: 0, fid: 2 }]);
    expect(descriptions?.remoteVideoCodecs.length).toBeGreaterThanOrEqual(2);
    for (const codecs of descriptions?.remoteVideoCodecs ?? []) expect(codecs).toEqual(['h264']);
  }
  expect(room?.hugoSubscribedAfterMs).toBeLessThan(2000);
}

describe('media through the SFU (real SDK, Chromium, network namespace)', () => {
  it('two participants each receive the other’s camera with frames advancing, the other’s microphone with Opus DTX, network quality levels, data track messages, a camera published anew, and a participant who leaves and joins again; then two more in an H264 room', async () => {
    const result = await scenario(['alice', 'bob'], {
      data: true,
      republish: true,
      rejoin: true,
      h264: true,
      forceLevel: true,
      nqVerbosity: { alice: { local: 3, remote: 3 }, bob: { local: 2, remote: 2 } },
      p2p: true,
    });
    expect(result.error).toBeNull();
    expect(result.joined.map((joined) => joined.identity)).toEqual(['alice', 'bob']);
    expect(result.log).toEqual(
      expect.arrayContaining([
        'alice:trackSubscribed:bob:video',
        'bob:trackSubscribed:alice:video',
        'alice:trackSubscribed:bob:audio',
        'bob:trackSubscribed:alice:audio',
      ]),
    );
    const views = result.videos.map((video) => `${video.key}<-${video.identity}`).sort();
    expect(views).toEqual(['alice<-bob', 'bob<-alice']);
    for (const video of result.videos) {
      expect(video.width).toBeGreaterThan(0);
      // Frames keep coming: more were painted in the last three seconds.
      expect(video.frames).toBeGreaterThan(video.framesBefore);
    }
    expect(result.audio.map((audio) => `${audio.key}<-${audio.identity}`).sort()).toEqual([
      'alice<-bob',
      'bob<-alice',
    ]);
    for (const audio of result.audio) expect(audio.packets).toBeGreaterThan(0);
    expect(result.log).toEqual(
      expect.arrayContaining(['bob:trackSubscribed:alice:data', 'bob:message:alice:hello from alice']),
    );
    expectNetworkQualityLevels(result, ['alice', 'bob']);
    // A level forced through the control API reaches bob (his own) and alice (bob's), then lets go:
    // the measured level returns, and a clean path inside the namespace measures excellent.
    expect(result.forcedLevel?.answer).toMatchObject({ level: 2 });
    expect(result.forcedLevel?.seen.bob?.local).toBe(2);
    expect(result.forcedLevel?.seen.alice?.remotes.bob).toBe(2);
    // The forced level sets every level alice is told of bob's (verbosity 3), the measurements beside them.
    const forcedBob = result.forcedLevel?.statsForced.alice?.remotes.bob;
    expect(forcedBob).toMatchObject({ level: 2, audio: { send: 2, recv: 2 }, video: { send: 2, recv: 2 } });
    expect(forcedBob?.video?.sendStats).toMatchObject({
      bandwidth: { level: 2 },
      latency: { level: 2 },
      fractionLost: { level: 2 },
    });
    expect(result.forcedLevel?.cleared).toMatchObject({ level: null });
    expect(result.forcedLevel?.seenAfter).toEqual({
      alice: { local: 5, remotes: { bob: 5 } },
      bob: { local: 5, remotes: { alice: 5 } },
    });
    expectNetworkQualityStats(result);
    // In a peer-to-peer room there is no media server to compute it: the SDK's level stays null.
    expect(result.p2p).toEqual({ joined: expect.objectContaining({ identity: 'pia' }), level: null });
    // Alice stops her camera and publishes a new one (the browser sends it on an m-line it reuses):
    // bob sees it unpublished, then the new one playing.
    expect(result.log).toEqual(expect.arrayContaining(['bob:trackUnpublished:alice:video']));
    expect(result.republished).toEqual([
      expect.objectContaining({ key: 'bob', identity: 'alice', width: expect.any(Number) }),
    ]);
    for (const video of result.republished ?? []) {
      expect(video.width).toBeGreaterThan(0);
      expect(video.frames).toBeGreaterThan(0);
    }
    // Bob leaves and joins again: alice, whose connection has seen tracks come and go, sees him play.
    expect(result.rejoined).toMatchObject({ identity: 'bob' });
    expect(result.seenAfterRejoin?.some((video) => video.width > 0 && video.frames > 0)).toBe(true);
    expectOpusDtx(result);
    expectH264Room(result);
  }, 120_000);

  it('four participants each receive the three others’ cameras and microphones (with Opus DTX), and network quality levels', async () => {
    const everyone = ['alice', 'bob', 'carol', 'dave'];
    const result = await scenario(everyone);
    expect(result.error).toBeNull();
    const expected = everyone
      .flatMap((key) => everyone.filter((other) => other !== key).map((other) => `${key}<-${other}`))
      .sort();
    expect(result.videos.map((video) => `${video.key}<-${video.identity}`).sort()).toEqual(expected);
    for (const video of result.videos) {
      expect(video.width).toBeGreaterThan(0);
      // Frames keep coming: more were painted in the last three seconds.
      expect(video.frames).toBeGreaterThan(video.framesBefore);
    }
    expect(
      result.audio
        .filter((audio) => audio.packets > 0)
        .map((audio) => `${audio.key}<-${audio.identity}`)
        .sort(),
    ).toEqual(expected);
    expectOpusDtx(result);
    expectNetworkQualityLevels(result, everyone);
  }, 120_000);
});
