import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium.js';

/**
 * Media through roomlab's SFU, with the real SDK in Chromium. WebRTC may only flow inside a network
 * namespace the test makes (see the project's ENVIRONMENT notes): a veth pair gives Chromium and the
 * media server an address that exists nowhere else, so no packet leaves the namespace.
 */
const namespace = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  'ip addr add 198.18.0.1/24 dev v0',
  'ip addr add 198.18.0.2/24 dev v1',
  'ip link set v0 up',
  'ip link set v1 up',
  'ip route add default via 198.18.0.2 dev v0',
].join(' && ');

async function scenario(
  participants: string[],
  options: { data?: boolean; republish?: boolean; rejoin?: boolean } = {},
) {
  const script = new URL('./media-scenario.mjs', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['-n', 'sh', '-c', `${namespace} && exec "${process.execPath}" "${script}"`],
    {
      env: {
        ...process.env,
        ROOMLAB_PARTICIPANTS: participants.join(','),
        ROOMLAB_CHROMIUM: chromiumPath(),
        ...(options.data ? { ROOMLAB_DATA: '1' } : {}),
        ...(options.republish ? { ROOMLAB_REPUBLISH: '1' } : {}),
        ...(options.rejoin ? { ROOMLAB_REJOIN: '1' } : {}),
      },
      timeout: 110_000,
    },
  );
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as {
    joined: { identity?: string; error?: number }[];
    log: string[];
    videos: { key: string; identity: string; frames: number; framesBefore: number; width: number }[];
    audio: { key: string; identity: string; packets: number }[];
    republished?: { key: string; identity: string; frames: number; width: number }[];
    rejoined?: { identity?: string; error?: number };
    seenAfterRejoin?: { key: string; identity: string; frames: number; width: number }[];
    error: string | null;
  };
}

describe('media through the SFU (real SDK, Chromium, network namespace)', () => {
  it('two participants each receive the other’s camera with frames advancing, the other’s microphone, data track messages, a camera published anew, and a participant who leaves and joins again', async () => {
    const result = await scenario(['alice', 'bob'], { data: true, republish: true, rejoin: true });
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
    // Media signaling: network quality answers each report; the dominant speaker is someone sending audio.
    expect(result.log).toEqual(expect.arrayContaining(['alice:networkQuality:5', 'bob:networkQuality:5']));
    expect(result.log.filter((entry) => entry.includes('dominantSpeakerChanged'))).not.toEqual([]);
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
  }, 120_000);

  it('four participants each receive the three others’ cameras and microphones', async () => {
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
  }, 120_000);
});
