import { describe, expect, it } from 'vitest';
import { createSpeakerDetector, type SpeakerDetector } from './speaker-detector.js';

/**
 * The detector fed synthetic level streams on fake time: a packet every 20 ms from each participant, as
 * browsers send Opus, each stream a function from time (ms) to a level (0 loudest, 127 silence) or
 * undefined for no packet.
 */
type Stream = (at: number) => number | undefined;

const silence: Stream = () => 127;
const tone =
  (level: number): Stream =>
  () =>
    level;
/** `stream` between `from` and `to` ms, silence outside. */
const during =
  (from: number, to: number, stream: Stream): Stream =>
  (at) =>
    at >= from && at < to ? stream(at) : 127;
/**
 * Chromium's fake microphone (what `--use-fake-device-for-media-stream` gives, and Twilio's own suite
 * publishes): a beep every 500 ms, whose levels were read off the RTP audio-level extension roomlab's
 * SFU received from Chromium 156, then silence.
 */
const beepLevels = [13, 8, 22, 32, 36, 40, 43, 46, 50, 52, 57, 61, 64, 70, 74, 79, 90, 99];
const fakeMicrophone: Stream = (at) => beepLevels[Math.floor((at % 500) / 20)] ?? 127;

/** Feeds every stream from `from` to `to` ms; returns each change of the floor: [ms, speaker]. */
function feed(detector: SpeakerDetector, streams: Record<string, Stream>, from: number, to: number) {
  const changes: [number, string | null][] = [];
  for (let at = from; at < to; at += 20) {
    for (const [sid, stream] of Object.entries(streams)) {
      const level = stream(at);
      if (level === undefined) continue;
      const before = detector.speaker;
      detector.heard(sid, level, at);
      if (detector.speaker !== before) changes.push([at, detector.speaker]);
    }
  }
  return changes;
}

describe('the loudest sustained speaker', () => {
  it('takes the floor from nobody once it has spoken for 1.5 s; silence never does', () => {
    const detector = createSpeakerDetector();
    const changes = feed(detector, { quiet: silence, loud: during(1000, 60_000, tone(9)) }, 0, 60_000);
    expect(changes).toHaveLength(1);
    const [[at, speaker] = []] = changes;
    expect(speaker).toBe('loud');
    expect(at).toBeGreaterThanOrEqual(2500);
    expect(at).toBeLessThanOrEqual(2700);
  });

  it('is nobody while everyone is silent, sends nothing (a disabled track in DTX) or only hums below -50 dBov', () => {
    const detector = createSpeakerDetector();
    const dtx: Stream = (at) => (at % 400 === 0 ? 127 : undefined);
    const hum = tone(60);
    expect(feed(detector, { a: silence, b: dtx, c: hum }, 0, 30_000)).toEqual([]);
    expect(detector.speaker).toBeNull();
  });

  it("is Chromium's fake microphone, beeping, over a participant whose audio is disabled", () => {
    const detector = createSpeakerDetector();
    const changes = feed(detector, { alice: silence, bob: fakeMicrophone }, 0, 10_000);
    expect(changes.map(([, speaker]) => speaker)).toEqual(['bob']);
    expect(changes[0]?.[0]).toBeLessThanOrEqual(2000);
  });

  it('keeps the floor through pauses, until someone else speaks for long enough: a cough does not take it', () => {
    const detector = createSpeakerDetector();
    const alice = during(0, 3000, tone(20));
    const bob: Stream = (at) => (at >= 6000 && at < 6300 ? 10 : at >= 10_000 ? 25 : 127);
    const changes = feed(detector, { alice, bob }, 0, 15_000);
    // Alice takes it, keeps it through her silence and bob's cough, and bob's speech takes it from her.
    expect(changes.map(([, speaker]) => speaker)).toEqual(['alice', 'bob']);
    expect(changes[1]?.[0]).toBeGreaterThanOrEqual(11_500);
  });

  it('passes from a speaker who goes on speaking only to one clearly (6 dB) louder', () => {
    const detector = createSpeakerDetector();
    const alice = tone(30);
    const similar = during(4000, 10_000, tone(27));
    const louder = during(10_000, 20_000, tone(20));
    const changes = feed(detector, { alice, similar, louder }, 0, 20_000);
    expect(changes.map(([, speaker]) => speaker)).toEqual(['alice', 'louder']);
  });

  it('is nobody when the speaker leaves, until another speaks: one already speaking takes it at once', () => {
    const detector = createSpeakerDetector();
    feed(detector, { alice: tone(10), bob: during(3000, 10_000, tone(30)) }, 0, 5000);
    expect(detector.speaker).toBe('alice');
    detector.forget('alice');
    expect(detector.speaker).toBeNull();
    expect(feed(detector, { bob: tone(30) }, 5000, 5200)).toEqual([[5000, 'bob']]);
  });
});
