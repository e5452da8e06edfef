import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { describe, expect, it } from 'vitest';

/**
 * Track switch-off with the real SDK in Chromium, through roomlab's SFU, inside a network namespace
 * (switch-off-scenario.mjs runs in there): what a subscriber's SDK reports (`isSwitchedOff`, the
 * `switchedOff`/`switchedOn` events) and what its decoder gets (framesDecoded from its own stats).
 */
interface View {
  framesDecoded: number;
  isSwitchedOff: boolean;
  events: string[];
}
interface Scenario {
  joined: { identity?: string; error?: number }[];
  manual: {
    subscribed: boolean;
    playingBefore: number;
    off: View | null;
    framesWhileOff: number;
    on: View | null;
    framesAfterOn: number;
    firstFramesAfterMs: number;
  } | null;
  capped: {
    first: [View | null, View | null];
    firstFrames: { dan: number; erin: number };
    swapped: [View | null, View | null];
    swappedFrames: number;
  } | null;
  accountDefault: { status: number; extension: string | null; frames: { dan: number; erin: number } } | null;
  events: { name: string; subscriber: string; publisher: string; reason: string }[];
  error: string | null;
}

function switchOffScenario(): Promise<Scenario> {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  const script = new URL('./switch-off-scenario.mjs', import.meta.url).pathname;
  return runInNetworkNamespace<Scenario>(script, { timeoutMs: 170_000 });
}

describe('track switch-off (real SDK, Chromium, network namespace)', () => {
  it('manual switchOff() stops frames and switchOn() resumes them; a bitrate cap keeps the higher-priority camera and follows priority changes; the account default profile holds a client that brings none', async () => {
    const result = await switchOffScenario();
    expect(result.error).toBeNull();
    expect(result.joined.map((joined) => joined.identity)).toEqual([
      'alice',
      'bob',
      'dan',
      'erin',
      'carol',
      'frank',
    ]);

    const manual = result.manual;
    expect(manual?.subscribed).toBe(true);
    expect(manual?.playingBefore).toBeGreaterThan(0);
    // Switched off: the SDK says so and fired switchedOff; the decoder gets nothing more.
    expect(manual?.off).toMatchObject({ isSwitchedOff: true, events: ['switchedOff'] });
    expect(manual?.framesWhileOff).toBe(0);
    // Switched on: frames come again (a keyframe was asked for at once).
    expect(manual?.on).toMatchObject({ isSwitchedOff: false, events: ['switchedOff', 'switchedOn'] });
    expect(manual?.framesAfterOn).toBeGreaterThan(0);

    // Carol's cap of 1000 bps leaves one camera on: dan's (high), not erin's (low).
    const [dan, erin] = result.capped?.first ?? [];
    expect([dan?.isSwitchedOff, erin?.isSwitchedOff]).toEqual([false, true]);
    // Told before her track reached carol's SDK, which creates it switched off (no event then).
    expect(erin?.events).not.toContain('switchedOn');
    expect(result.capped?.firstFrames.dan).toBeGreaterThan(0);
    expect(result.capped?.firstFrames.erin).toBe(0);
    // Erin raises hers to high and dan lowers his to low: they change places.
    const [danAfter, erinAfter] = result.capped?.swapped ?? [];
    expect([danAfter?.isSwitchedOff, erinAfter?.isSwitchedOff]).toEqual([true, false]);
    expect(result.capped?.swappedFrames).toBeGreaterThan(0);

    // A profile stored through POST /v1/Video/Profiles holds frank, who brought none, to one camera:
    // erin's (now high) plays, dan's (now low) is not forwarded.
    expect(result.accountDefault).toMatchObject({ status: 201, extension: expect.stringMatching(/^route/) });
    expect(result.accountDefault?.frames.erin).toBeGreaterThan(0);
    expect(result.accountDefault?.frames.dan).toBe(0);

    // The engine's event log says why each was switched off (SDK 2.36 is told no reason).
    expect(result.events).toEqual(
      expect.arrayContaining([
        { name: 'track-switched-off', subscriber: 'bob', publisher: 'alice', reason: 'manual' },
        { name: 'track-switched-on', subscriber: 'bob', publisher: 'alice', reason: 'allocated' },
        { name: 'track-switched-off', subscriber: 'carol', publisher: 'erin', reason: 'bitrate-cap' },
        { name: 'track-switched-off', subscriber: 'carol', publisher: 'dan', reason: 'bitrate-cap' },
        { name: 'track-switched-off', subscriber: 'frank', publisher: 'dan', reason: 'bitrate-cap' },
      ]),
    );
  }, 180_000);
});
