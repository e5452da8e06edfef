import { readFileSync } from 'node:fs';
import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { describe, expect, it } from 'vitest';

/**
 * Participants who change what they send after connecting, as an app that switches cameras does: the
 * real SDK in Chromium, through roomlab's SFU, inside a network namespace (renegotiation-scenario.mjs
 * runs the steps in there, one after another, in one browser).
 */
interface Received {
  /** `receiver<-publisher:kind`. */
  name: string;
  /** Whether the publisher's current track of that kind came in: bytes and, for video, frames rising. */
  flowing: boolean;
}

interface Scenario {
  joined: { identity?: string; error?: number }[];
  steps: { name: string; ms: number; received: Received[]; logged: string[] }[];
  /** Each client offer the SFU answered: how long the answer took, and whether it says ICE-lite. */
  answers: { ms: number; iceLite: boolean }[];
  /** The room events each page saw (`receiver:event:publisher:kind`). */
  log: string[];
  /** What roomlab's logger was told (`level: message: cause`). */
  logged: string[];
  error: string | null;
}

/** The scenario's steps, in order (what is done, then who must receive what). */
const steps: { name: string }[] = JSON.parse(
  readFileSync(new URL('./renegotiation-steps.json', import.meta.url), 'utf8'),
);

describe('renegotiation through the SFU (real SDK, Chromium, network namespace)', () => {
  it('every participant receives what another publishes after connecting, restarts, or unpublishes and publishes again, with two and with three participants; every offer is answered at once, and roomlab reports no error', async () => {
    chromiumPath(); // fails here, saying how to install it, rather than inside the namespace
    const result = await runInNetworkNamespace<Scenario>(
      new URL('./renegotiation-scenario.mjs', import.meta.url).pathname,
      { timeoutMs: 240_000 },
    );
    expect(result.error).toBeNull();
    expect(result.joined.map((joined) => joined.identity)).toEqual(['alice', 'bob', 'carol']);
    // After each step, each receiver gets the publisher's current tracks: nothing is left not flowing.
    const notFlowing = (step: Scenario['steps'][number]) =>
      step.received.filter((received) => !received.flowing).map((received) => received.name);
    expect(result.steps.map((step) => [step.name, notFlowing(step)])).toEqual(
      steps.map(({ name }) => [name, []]),
    );
    // Every receiver saw each unpublished track go.
    expect(result.log).toEqual(
      expect.arrayContaining([
        'bob:trackUnpublished:alice:video',
        'alice:trackUnpublished:bob:audio',
        'alice:trackUnpublished:bob:video',
        'alice:trackUnpublished:carol:audio',
        'bob:trackUnpublished:carol:audio',
        'carol:trackUnpublished:bob:video',
      ]),
    );
    // The SFU answers at once, as Twilio's ICE-lite media servers do: werift as a full ICE agent held
    // each client's first answer 3 to 5 s, asking stun.l.google.com for a candidate it cannot reach.
    expect(result.answers.length).toBeGreaterThan(result.steps.length);
    for (const answer of result.answers) expect(answer).toEqual({ ms: expect.any(Number), iceLite: true });
    expect(Math.max(...result.answers.map((answer) => answer.ms))).toBeLessThan(2500);
    // No negotiation failed on the way ("media negotiation failed" is logged as an error).
    expect(result.logged.filter((entry) => entry.startsWith('error'))).toEqual([]);
  }, 250_000);
});
