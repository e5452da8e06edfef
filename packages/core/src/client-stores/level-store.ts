/** Reads the loudness of an audio track now, 0 (silence) to 1 (full scale). */
export interface AudioMeter {
  read(): number;
  close(): void;
}

export interface AudioLevelStore {
  getSnapshot(): number;
  subscribe(listener: () => void): () => void;
}

/** -60 dBFS and below is silence; 0 dBFS is 1. Decibels, because that is how loudness is heard. */
export function levelOfSamples(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms === 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (decibels + 60) / 60));
}

const stores = new WeakMap<object, Map<number, AudioLevelStore>>();

/**
 * The level of one track, read every `intervalMs` by one meter however many read it, in twentieths
 * (finer steps than a meter shows would only wake readers for nothing). The meter runs only while
 * someone listens; if it cannot be made (no Web Audio), the level stays 0. `meter` is used when the
 * track's store is first made.
 */
export function audioLevelStore<T extends object>(
  track: T,
  intervalMs: number,
  meter: (track: T) => AudioMeter,
): AudioLevelStore {
  const byInterval = stores.get(track) ?? new Map<number, AudioLevelStore>();
  stores.set(track, byInterval);
  const known = byInterval.get(intervalMs);
  if (known) return known;
  let level = 0;
  let running: { meter: AudioMeter; timer: ReturnType<typeof setInterval> } | null = null;
  const listeners = new Set<() => void>();
  const sample = () => {
    if (!running) return;
    const next = Math.round(running.meter.read() * 20) / 20;
    if (next === level) return;
    level = next;
    for (const listener of [...listeners]) listener();
  };
  const store: AudioLevelStore = {
    getSnapshot: () => level,
    subscribe(listener) {
      if (listeners.size === 0) {
        try {
          running = { meter: meter(track), timer: setInterval(sample, intervalMs) };
        } catch {
          running = null;
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
  byInterval.set(intervalMs, store);
  return store;
}
