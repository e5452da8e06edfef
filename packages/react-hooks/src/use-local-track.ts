import { useEffect, useState } from 'react';
import { toError } from './to-error.js';

export interface LocalTrackState<T> {
  /** The track, once made; null while it is being made, after a failure, or without `create`. */
  track: T | null;
  /** Why making it failed (e.g. `NotAllowedError`, `NotFoundError`), or null. */
  error: Error | null;
}

/**
 * A local track made for this component (e.g. a camera preview before joining), stopped when the
 * component unmounts or `key` changes (say, to another `deviceId`), when a new one is made.
 * `create` is read when `key` changes, not on every render; null makes nothing.
 */
export function useLocalTrack<T extends { stop(): unknown }>(
  create: (() => Promise<T>) | null,
  key: unknown = null,
): LocalTrackState<T> {
  const [state, setState] = useState<LocalTrackState<T>>({ track: null, error: null });
  const wanted = create !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `create` is usually an inline arrow; `key` says when to make a new track.
  useEffect(() => {
    if (!create) return;
    let made: T | null = null;
    let cancelled = false;
    // A StrictMode remount cancels the first attempt: its track is stopped as soon as it arrives.
    create().then(
      (track) => {
        if (cancelled) return void track.stop();
        made = track;
        setState({ track, error: null });
      },
      (failure: unknown) => {
        if (!cancelled) setState({ track: null, error: toError(failure) });
      },
    );
    return () => {
      cancelled = true;
      made?.stop();
      setState({ track: null, error: null });
    };
  }, [wanted, key]);
  return state;
}
