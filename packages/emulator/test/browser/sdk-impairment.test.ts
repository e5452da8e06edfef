import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { describe, expect, it } from 'vitest';

/**
 * A participant's path impaired through the control API, as the real SDK in Chromium sees it in its
 * own stats. impairment-scenario.mjs runs inside a network namespace (see the project's ENVIRONMENT
 * notes) and reads bob's stats over each phase: unimpaired, 30% loss, 150 ms latency, cleared.
 */
interface PathStats {
  packetsLost: number;
  packetsReceived: number;
  /** Of each stream bob sends, as the SFU reports it (RTCP receiver reports). */
  fractionLost: (number | null)[];
  roundTripTime: (number | null)[];
  /** The ICE round trip (seconds) of the selected candidate pair. */
  pairRtt: number | null;
  sdkPacketsLost: number;
}

interface Phase {
  start: PathStats;
  end: PathStats;
  /** Each page's network quality levels at the phase's end (see `window.networkQuality`). */
  levels: Record<string, { local: number | null; remotes: Record<string, number | null> }>;
}

interface Scenario {
  joined: { identity?: string; error?: number }[];
  phases: Record<'unimpaired' | 'loss' | 'latency' | 'cleared', Phase>;
  answers: Record<string, Record<string, unknown>>;
  log: string[];
  error: string | null;
}

const lostOver = (phase: Phase) => phase.end.packetsLost - phase.start.packetsLost;
const receivedOver = (phase: Phase) => phase.end.packetsReceived - phase.start.packetsReceived;
const largest = (values: (number | null)[]) => Math.max(...values.map((value) => value ?? 0));

describe("a participant's impaired path (real SDK, Chromium, network namespace)", () => {
  it('30% loss shows in its own stats both ways, latency raises its round trip, and clearing stops the loss', async () => {
    chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
    const result: Scenario = await runInNetworkNamespace(
      new URL('./impairment-scenario.mjs', import.meta.url).pathname,
      { timeoutMs: 150_000 },
    );
    expect(result.error).toBeNull();
    expect(result.joined.map((joined) => joined.identity)).toEqual(['alice', 'bob']);
    const { unimpaired, loss, latency, cleared } = result.phases;
    expect(result.answers.loss).toMatchObject({ conditions: { packetLossPercent: 30 } });
    expect(result.answers.latency).toMatchObject({ conditions: { latencyMs: 150 } });
    expect(result.answers.cleared).toMatchObject({ conditions: null });

    // Unimpaired, inside the namespace: nothing lost (at most a datagram or two, should a loaded
    // machine's socket buffer overflow; 30% loss loses dozens in the same time).
    expect(lostOver(unimpaired)).toBeLessThanOrEqual(2);
    // 30% loss toward bob: his inbound streams lose packets, at about that rate (the browser's NACKs
    // and retransmissions make up some, so the bounds are loose).
    const lossRate = lostOver(loss) / (lostOver(loss) + receivedOver(loss));
    expect(lostOver(loss)).toBeGreaterThan(20);
    expect(lossRate).toBeGreaterThan(0.1);
    expect(lossRate).toBeLessThan(0.5);
    expect(loss.end.sdkPacketsLost).toBeGreaterThan(loss.start.sdkPacketsLost);
    // 30% loss from bob: the SFU's receiver reports tell his browser that a share of what it sends is lost.
    expect(largest(loss.end.fractionLost)).toBeGreaterThan(0.05);

    // 150 ms each way: the round trip grows by about 300 ms, in ICE's checks and in RTCP's reports.
    expect(unimpaired.end.pairRtt).toBeLessThan(0.1);
    expect(latency.end.pairRtt).toBeGreaterThan(0.25);
    expect(largest(latency.end.roundTripTime)).toBeGreaterThan(0.25);

    // Cleared: packets lost stop growing, and the round trip is short again.
    expect(lostOver(cleared)).toBeLessThanOrEqual(2);
    expect(receivedOver(cleared)).toBeGreaterThan(0);
    expect(cleared.end.pairRtt).toBeLessThan(0.1);
  }, 180_000);
});
