import { useMemo, useSyncExternalStore } from 'react';

/** What the level is read from: the SDK's audio tracks (local or remote) carry a MediaStreamTrack. */
export interface AudioLevelSource {
  mediaStreamTrack: MediaStreamTrack;
}

/** Reads the loudness of a MediaStreamTrack now, 0 (silence) to 1 (full scale). */
export interface AudioMeter {
  read(): number;
  close(): void;
}

export interface AudioLevelOptions {
  /** How often the level is read, in ms (default 100). */
  intervalMs?: number;
  /** Makes the meter (default: Web Audio's AnalyserNode on one shared AudioContext). */
  meter?: (track: MediaStreamTrack) => AudioMeter;
}

let sharedContext: AudioContext | null = null;

/** -60 dBFS and below is silence; 0 dBFS is 1. Decibels, because that is how loudness is heard. */
export function levelOfSamples(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms === 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (decibels + 60) / 60));
}

/** The default meter: an AnalyserNode on the track, through one AudioContext per page. */
export function webAudioMeter(track: MediaStreamTrack): AudioMeter {
  sharedContext ??= new AudioContext();
  const context = sharedContext;
  // A context made before the user's first gesture starts suspended, and reads silence until resumed.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(samples);
      return levelOfSamples(samples);
    },
    close() {
      source.disconnect();
    },
  };
}

interface LevelStore {
  getSnapshot(): number;
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<MediaStreamTrack, Map<string, LevelStore>>();
const quiet: LevelStore = { getSnapshot: () => 0, subscribe: () => () => {} };

/** One meter per track however many components read it, running only while someone does. */
function levelStore(
  track: MediaStreamTrack,
  intervalMs: number,
  meter: (track: MediaStreamTrack) => AudioMeter,
): LevelStore {
  const byInterval = stores.get(track) ?? new Map<string, LevelStore>();
  stores.set(track, byInterval);
  const key = String(intervalMs);
  const known = byInterval.get(key);
  if (known) return known;
  let level = 0;
  let running: { meter: AudioMeter; timer: ReturnType<typeof setInterval> } | null = null;
  const listeners = new Set<() => void>();
  const sample = () => {
    if (!running) return;
    // Twentieths: finer steps than a meter shows would only re-render for nothing.
    const next = Math.round(running.meter.read() * 20) / 20;
    if (next === level) return;
    level = next;
    for (const listener of [...listeners]) listener();
  };
  const store: LevelStore = {
    getSnapshot: () => level,
    subscribe(listener) {
      if (listeners.size === 0) {
        try {
          running = { meter: meter(track), timer: setInterval(sample, intervalMs) };
        } catch {
          running = null; // No Web Audio here (or the track ended): the level stays 0.
        }
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !running) return;
        clearInterval(running.timer);
        running.meter.close();
        running = null;
        level = 0;
      };
    },
  };
  byInterval.set(key, store);
  return store;
}

/**
 * How loud an audio track is now, 0 to 1 in steps of 0.05, for a speaking indicator or a meter
 * (0 on the server and without Web Audio). A remote track must be attached (`<AudioTrack>`) too:
 * Chromium feeds a remote track to Web Audio only while a media element plays it.
 */
export function useAudioLevel(track: AudioLevelSource | null, options: AudioLevelOptions = {}): number {
  const { intervalMs = 100, meter = webAudioMeter } = options;
  const mediaStreamTrack = track?.mediaStreamTrack ?? null;
  const store = useMemo(
    () => (mediaStreamTrack ? levelStore(mediaStreamTrack, intervalMs, meter) : quiet),
    [mediaStreamTrack, intervalMs, meter],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => 0);
}
