import { existsSync } from 'node:fs';
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { expect, it } from 'vitest';

/**
 * The demo as a user runs it, in two Chromium tabs with fake camera and microphone, inside a network
 * namespace the test makes (WebRTC must not reach the machine's own interfaces). two-tabs.mjs waits for
 * each step the README lists and records what the tabs showed; a step that never comes ends the run
 * with `error` set. Screenshots of both tabs are kept in test-results/.
 */
interface TwoTabs {
  tabs: Record<string, { state: string; sees: string[]; remoteVideoWidth: number }>;
  previews: Record<string, number>;
  bobHearsAlice?: boolean;
  /** How many `● Recording` badges each tab showed before, and after, the backend recorded the room. */
  badgesBeforeRecording?: number[];
  badgesWhileRecording?: string[];
  badgesAfterRecording?: number[];
  recordedTracks?: string[];
  bobSeesAliceMuted?: boolean;
  bobSeesAliceCameraAgain?: boolean;
  bobSeesPresenter?: string | null;
  bobChat: string[];
  /** The network quality bars for bob in alice's tab and in his own: before, while, and after his path loses 30%. */
  bobsBarsBefore?: number[];
  bobsBarsImpaired?: number[];
  bobsBarsCleared?: number[];
  bobRejoinedVideoWidth?: number;
  error: string | null;
  pages?: string[][];
}

it('two tabs preview their camera, join the same room, see and hear each other, see the recording badge come and go as their backend records the room, see mute, camera and screen-share toggles and who presents, chat over a data track, see the quality bars of a participant whose network the test impairs fall and come back, and leave and join again', async () => {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  const result = await runInNetworkNamespace<TwoTabs>(new URL('./two-tabs.mjs', import.meta.url).pathname, {
    timeoutMs: 110_000,
  });
  expect(result.error, JSON.stringify(result.pages)).toBeNull();
  expect(result.previews.alice).toBeGreaterThan(0);
  expect(result.previews.bob).toBeGreaterThan(0);
  expect(result.tabs.alice).toMatchObject({ state: 'demo: connected', sees: ['alice', 'bob'] });
  expect(result.tabs.bob).toMatchObject({ state: 'demo: connected', sees: ['bob', 'alice'] });
  expect(result.tabs.alice?.remoteVideoWidth).toBeGreaterThan(0);
  expect(result.tabs.bob?.remoteVideoWidth).toBeGreaterThan(0);
  expect(existsSync(new URL('../test-results/alice.png', import.meta.url))).toBe(true);
  expect(result).toMatchObject({
    bobHearsAlice: true,
    badgesBeforeRecording: [0, 0],
    badgesWhileRecording: ['● Recording', '● Recording'],
    badgesAfterRecording: [0, 0],
    // Each tab's microphone and camera; the chat's data track is not recorded.
    recordedTracks: ['audio', 'audio', 'video', 'video'],
    bobSeesAliceMuted: true,
    bobSeesAliceCameraAgain: true,
    bobSeesPresenter: 'alice is sharing their screen',
  });
  expect(result.bobChat).toContain('alice: hello bob');
  // Bob's bars, as alice sees him and as he sees himself, fall under 30% loss and come back when cleared.
  for (const bars of [result.bobsBarsBefore, result.bobsBarsCleared]) {
    expect(bars).toHaveLength(2);
    for (const count of bars ?? []) expect(count).toBeGreaterThanOrEqual(4);
  }
  expect(result.bobsBarsImpaired).toHaveLength(2);
  for (const count of result.bobsBarsImpaired ?? []) expect(count).toBeLessThanOrEqual(3);
  expect(existsSync(new URL('../test-results/alice-bob-impaired.png', import.meta.url))).toBe(true);
  // Bob left and joined again: alice sees his camera play.
  expect(result.bobRejoinedVideoWidth).toBeGreaterThan(0);
}, 120_000);
