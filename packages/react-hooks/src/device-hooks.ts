import { type DeviceStore, type Devices, deviceStore, type EventSource, noDevices } from '@roomlab/core';

import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { toError } from './to-error.js';
import { useSourceValue } from './use-source-value.js';

export type { Devices } from '@roomlab/core';

const idle: DeviceStore = { getSnapshot: () => noDevices, subscribe: () => () => {} };

/** Microphones, cameras and speakers, kept current as devices come and go (empty on the server). */
export function useDevices(
  mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): Devices {
  const store = mediaDevices ? deviceStore(mediaDevices) : idle;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => noDevices);
}

/** A local track whose device can be switched: the SDK's LocalAudioTrack and LocalVideoTrack. */
export interface RestartableTrack extends EventSource {
  mediaStreamTrack: { getSettings(): { deviceId?: string } };
  restart(constraints?: MediaTrackConstraints): Promise<unknown>;
}

export interface DeviceSelect {
  /** The devices of this kind the browser lists. */
  devices: readonly MediaDeviceInfo[];
  /** The device the track captures from now (or the one chosen while there is no track), or null. */
  activeDeviceId: string | null;
  /** Switches the track to `deviceId` (its `restart`); without a track, only remembers the choice. */
  select(deviceId: string): Promise<void>;
  /** Why the last switch failed (e.g. the device was unplugged), or null. */
  error: Error | null;
}

const trackEvents = ['started', 'stopped'] as const;
const readDeviceId = (track: RestartableTrack) => track.mediaStreamTrack.getSettings().deviceId ?? null;

/**
 * A device picker for a microphone or camera: the devices of `kind`, which one `track` uses, and a
 * `select` that restarts the track on another. `constraints` are kept on restart (the SDK replaces its
 * track's constraints with the ones `restart` is given), so a 640×480 camera stays 640×480.
 */
export function useDeviceSelect(
  kind: 'audioinput' | 'videoinput',
  track: RestartableTrack | null,
  {
    constraints = {},
    mediaDevices,
  }: { constraints?: MediaTrackConstraints; mediaDevices?: MediaDevices } = {},
): DeviceSelect {
  const all = useDevices(mediaDevices ?? globalThis.navigator?.mediaDevices);
  const devices = kind === 'audioinput' ? all.audioInputs : all.videoInputs;
  const inUse = useSourceValue(track, trackEvents, readDeviceId, null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const wanted = useRef(constraints);
  wanted.current = constraints;
  const select = useCallback(
    async (deviceId: string) => {
      setChosen(deviceId);
      if (!track) return;
      try {
        await track.restart({ ...wanted.current, deviceId: { exact: deviceId } });
        setError(null);
      } catch (failure) {
        setError(toError(failure));
      }
    },
    [track],
  );
  return { devices, activeDeviceId: inUse ?? chosen, select, error };
}
