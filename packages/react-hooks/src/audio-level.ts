import { type AudioLevelStore, type AudioMeter, audioLevelStore, levelOfSamples } from '@roomlab/core';
import { useMemo, useSyncExternalStore } from 'react';

export type { AudioMeter } from '@roomlab/core';

/** What the level is read from: the SDK's audio tracks (local or remote) carry a MediaStreamTrack. */
export interface AudioLevelSource {
  mediaStreamTrack: MediaStreamTrack;
}

export interface AudioLevelOptions {
  /** How often the level is read, in ms (default 100). */
  intervalMs?: number;
  /** Makes the meter (default: Web Audio's AnalyserNode on one shared AudioContext). */
  meter?: (track: MediaStreamTrack) => AudioMeter;
}

let sharedContext: AudioContext | null = null;

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

const quiet: AudioLevelStore = { getSnapshot: () => 0, subscribe: () => () => {} };

/**
 * How loud an audio track is now, 0 to 1 in steps of 0.05, for a speaking indicator or a meter
 * (0 on the server and without Web Audio). A remote track must be attached (`<AudioTrack>`) too:
 * Chromium feeds a remote track to Web Audio only while a media element plays it.
 */
export function useAudioLevel(track: AudioLevelSource | null, options: AudioLevelOptions = {}): number {
  const { intervalMs = 100, meter = webAudioMeter } = options;
  const mediaStreamTrack = track?.mediaStreamTrack ?? null;
  const store = useMemo(
    () => (mediaStreamTrack ? audioLevelStore(mediaStreamTrack, intervalMs, meter) : quiet),
    [mediaStreamTrack, intervalMs, meter],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => 0);
}
