import { useSyncExternalStore } from 'react';

/** What the app's device pickers list. */
export interface Devices {
  audioInputs: readonly MediaDeviceInfo[];
  videoInputs: readonly MediaDeviceInfo[];
  audioOutputs: readonly MediaDeviceInfo[];
}

const none: Devices = { audioInputs: [], videoInputs: [], audioOutputs: [] };

interface DeviceStore {
  getSnapshot(): Devices;
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<MediaDevices, DeviceStore>();

/** One store per `navigator.mediaDevices`: enumerates while someone reads, again on `devicechange`. */
function deviceStore(mediaDevices: MediaDevices): DeviceStore {
  const known = stores.get(mediaDevices);
  if (known) return known;
  let devices = none;
  const listeners = new Set<() => void>();
  const refresh = () => {
    mediaDevices.enumerateDevices().then(
      (found) => {
        devices = {
          audioInputs: found.filter((device) => device.kind === 'audioinput'),
          videoInputs: found.filter((device) => device.kind === 'videoinput'),
          audioOutputs: found.filter((device) => device.kind === 'audiooutput'),
        };
        for (const listener of [...listeners]) listener();
      },
      () => undefined,
    );
  };
  const store: DeviceStore = {
    getSnapshot: () => devices,
    subscribe(listener) {
      if (listeners.size === 0) {
        mediaDevices.addEventListener('devicechange', refresh);
        refresh();
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) mediaDevices.removeEventListener('devicechange', refresh);
      };
    },
  };
  stores.set(mediaDevices, store);
  return store;
}

const idle: DeviceStore = { getSnapshot: () => none, subscribe: () => () => {} };

/** Microphones, cameras and speakers, kept current as devices come and go (empty on the server). */
export function useDevices(
  mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): Devices {
  const store = mediaDevices ? deviceStore(mediaDevices) : idle;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => none);
}
