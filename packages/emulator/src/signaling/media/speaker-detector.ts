/**
 * Who holds the floor in one room, from the audio levels (RFC 6464) of its participants' packets: the
 * loudest sustained speaker. Pure: time comes with each level, so tests feed synthetic streams.
 *
 * - A participant's speech energy is the mean power of its audio over the last `windowMs` (each packet
 *   counts for `frameMs` of audio; no packets count as silence).
 * - It speaks while that energy is at least `speechDbov`, and has spoken for as long as that has held
 *   without a break, checked every `evaluateEveryMs`.
 * - Having spoken for `sustainMs`, the loudest such participant takes the floor: from nobody, from a
 *   holder who has fallen silent, or from one still speaking when it is `marginDb` louder.
 * - The floor stays with its holder through pauses until someone else takes it; only its holder's
 *   leaving (`forget`) empties it. Silence never takes it: digital silence (127, what a disabled track
 *   sends) has no energy at all.
 *
 * See docs/dominant-speaker.md for why these numbers.
 */
export interface SpeakerDetectorSettings {
  windowMs: number;
  frameMs: number;
  speechDbov: number;
  sustainMs: number;
  marginDb: number;
  evaluateEveryMs: number;
}

export const speakerDetectorDefaults: SpeakerDetectorSettings = {
  windowMs: 1000,
  frameMs: 20,
  speechDbov: -50,
  sustainMs: 1500,
  marginDb: 6,
  evaluateEveryMs: 100,
};

export interface SpeakerDetector {
  /** A packet's audio level from a participant: 0 (0 dBov, loudest) to 127 (silence), at `at` ms. */
  heard(participantSid: string, level: number, at: number): void;
  /** The participant left or stopped sending audio: its energy goes, and the floor if it held it. */
  forget(participantSid: string): void;
  /** Who holds the floor (a PA SID), or null. */
  readonly speaker: string | null;
}

interface Voice {
  /** Packets heard within the window: when, and their power (1 is 0 dBov). */
  samples: { at: number; power: number }[];
  /** Since when it has spoken without a break (null: silent at the last evaluation). */
  speakingSince: number | null;
}

/** The linear power of a level in -dBov; 127 is digital silence (RFC 6464), none at all. */
const powerOf = (level: number) => (level >= 127 ? 0 : 10 ** (-level / 10));

export function createSpeakerDetector(
  settings: SpeakerDetectorSettings = speakerDetectorDefaults,
): SpeakerDetector {
  const voices = new Map<string, Voice>();
  const speechPower = 10 ** (settings.speechDbov / 10);
  const margin = 10 ** (settings.marginDb / 10);
  let speaker: string | null = null;
  let evaluatedAt = Number.NEGATIVE_INFINITY;

  const energyOf = (voice: Voice, now: number) => {
    voice.samples = voice.samples.filter((sample) => sample.at > now - settings.windowMs);
    const sum = voice.samples.reduce((total, sample) => total + sample.power, 0);
    return Math.min(1, (sum * settings.frameMs) / settings.windowMs);
  };

  /** Each voice's energy now, noting who speaks; the loudest who has spoken for `sustainMs`. */
  const loudestSustained = (now: number) => {
    let loudest: { sid: string; energy: number } | undefined;
    const energies = new Map<string, number>();
    for (const [sid, voice] of voices) {
      const energy = energyOf(voice, now);
      energies.set(sid, energy);
      voice.speakingSince = energy >= speechPower ? (voice.speakingSince ?? now) : null;
      const sustained = voice.speakingSince !== null && now - voice.speakingSince >= settings.sustainMs;
      if (sustained && energy > (loudest?.energy ?? 0)) loudest = { sid, energy };
    }
    return { loudest, energies };
  };

  const evaluate = (now: number) => {
    const { loudest, energies } = loudestSustained(now);
    if (!loudest || loudest.sid === speaker) return;
    const holder = speaker === null ? 0 : (energies.get(speaker) ?? 0);
    const holderSpeaks = holder >= speechPower;
    if (!holderSpeaks || loudest.energy >= holder * margin) speaker = loudest.sid;
  };

  return {
    heard(participantSid, level, at) {
      const voice = voices.get(participantSid) ?? { samples: [], speakingSince: null };
      voices.set(participantSid, voice);
      voice.samples.push({ at, power: powerOf(level) });
      if (at - evaluatedAt < settings.evaluateEveryMs) return;
      evaluatedAt = at;
      evaluate(at);
    },
    forget(participantSid) {
      voices.delete(participantSid);
      if (speaker === participantSid) speaker = null;
    },
    get speaker() {
      return speaker;
    },
  };
}
