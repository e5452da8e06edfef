import { chromiumPath, runInNetworkNamespace } from '@roomlab/test-harness';
import { describe, expect, it } from 'vitest';

/**
 * Real-time transcriptions with the real SDK in Chromium, through roomlab's media server, inside a
 * network namespace (transcription-scenario.mjs runs in there). twilio-video 2.32.0 and later ask for
 * the `extension_transcriptions` media-signaling channel when connected with `receiveTranscriptions`.
 */
type Message = Record<string, unknown>;
interface Supplied {
  status: number;
  body: Message & { code?: number };
}
interface Scenario {
  roomSid: string;
  joined: { identity?: string; participantSid?: string; error?: number }[];
  supplied: Supplied[];
  received: Record<string, Message[]>;
  afterStop: Supplied | null;
  receivedAfterStop: Record<string, Message[]>;
  error: string | null;
}

/** Runs the scenario in its network namespace; without Chromium, fails first, saying how to install it. */
function transcriptionScenario(): Promise<Scenario> {
  chromiumPath();
  const script = new URL('./transcription-scenario.mjs', import.meta.url).pathname;
  return runInNetworkNamespace<Scenario>(script, { timeoutMs: 110_000 });
}

describe('transcriptions (real SDK, Chromium, network namespace)', () => {
  it("a room created with TranscribeParticipantsOnConnect delivers each transcript the control API supplies to every participant that asked, as the SDK's `transcription` event, until it is stopped", async () => {
    const result = await transcriptionScenario();
    const [alice, bob, carol] = result.joined;
    expect([result.error, alice?.identity, bob?.identity, carol?.identity]).toEqual([
      null,
      'alice',
      'bob',
      'carol',
    ]);
    expect(result.supplied.map((supplied) => supplied.status)).toEqual([200, 200, 200]);
    const sent = result.supplied.map((supplied) => supplied.body);
    expect(sent[0]).toMatchObject({
      type: 'extension_transcriptions',
      version: '1.0',
      participant: alice?.participantSid,
      track: expect.stringMatching(/^MT[0-9a-f]{32}$/),
      sequence_number: 1,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
      partial_results: true,
      stability: 0.5,
      language_code: 'en-GB',
      transcription: 'Hello',
    });
    expect(sent[1]).toMatchObject({
      participant: alice?.participantSid,
      sequence_number: 2,
      partial_results: false,
    });
    expect(sent[2]).toMatchObject({
      participant: bob?.participantSid,
      sequence_number: 1,
      transcription: 'Hi Alice',
    });
    // The speaker and everyone else who asked get each one, as it was sent; carol did not ask.
    expect(result.received).toEqual({ alice: sent, bob: sent, carol: [] });
    expect(result.afterStop?.body).toMatchObject({ status: 400, code: 20001 });
    expect(result.receivedAfterStop).toEqual({ alice: sent, bob: sent, carol: [] });
  }, 120_000);
});
