import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { expect, it } from 'vitest';

/**
 * The twilio-video releases apps still ship (2.15, 2.22, 2.28 and 2.36, each its unmodified npm
 * bundle) in one room on roomlab: each sees and plays the others, is told when REST completes the room,
 * and is reported by Video Insights under its own version. WebRTC may only flow inside a network
 * namespace the test makes; sdk-versions-scenario.mjs runs in there.
 */
interface Tab {
  version: string;
  identity: string;
  joined: { sid?: string; error?: number; message?: string };
  playing: string[];
  disconnected: string[];
}

interface VersionsScenario {
  error: string | null;
  tabs: Tab[];
  summaries: { participantIdentity: string; publisherInfo: Record<string, string>; codecs: string[] }[];
}

it('plays every release’s media in every other release, ends them all over REST, and reports each under its own version', async () => {
  chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
  const result: VersionsScenario = await runInNetworkNamespace(
    new URL('./sdk-versions-scenario.mjs', import.meta.url).pathname,
    { env: {}, timeoutMs: 170_000 },
  );
  expect(result.error).toBeNull();
  expect(result.tabs.map((tab) => tab.version.split('.').slice(0, 2).join('.'))).toEqual([
    '2.15',
    '2.22',
    '2.28',
    '2.36',
  ]);
  const identities = result.tabs.map((tab) => tab.identity);
  for (const tab of result.tabs) {
    expect(tab.joined).toMatchObject({ identity: tab.identity, name: 'versions' });
    expect(tab.playing.sort()).toEqual(identities.filter((identity) => identity !== tab.identity).sort());
    // 53118: the room was completed.
    expect(tab.disconnected).toEqual(['me:disconnected:53118']);
  }
  expect(
    Object.fromEntries(
      result.summaries.map((summary) => [summary.participantIdentity, summary.publisherInfo.sdk_version]),
    ),
  ).toEqual(Object.fromEntries(result.tabs.map((tab) => [tab.identity, tab.version])));
  for (const summary of result.summaries) {
    expect(summary.publisherInfo.name).toBe('twilio-video.js');
    expect(summary.codecs).toEqual(['VP8', 'opus']);
  }
}, 180_000);
