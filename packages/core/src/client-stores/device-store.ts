/** What device pickers list, by kind. */
export interface Devices {
  audioInputs: readonly MediaDeviceInfo[];
  videoInputs: readonly MediaDeviceInfo[];
  audioOutputs: readonly MediaDeviceInfo[];
}

export interface DeviceStore {
  getSnapshot(): Devices;
  subscribe(listener: () => void): () => void;
}

/** The parts of `navigator.mediaDevices` the store uses. */
export type MediaDevicesLike = Pick<
  MediaDevices,
  'enumerateDevices' | 'addEventListener' | 'removeEventListener'
>;

export const noDevices: Devices = { audioInputs: [], videoInputs: [], audioOutputs: [] };

const stores = new WeakMap<object, DeviceStore>();

/** One store per `navigator.mediaDevices`: enumerates while someone reads, and again on `devicechange`. */
export function deviceStore(mediaDevices: MediaDevicesLike): DeviceStore {
  const known = stores.get(mediaDevices);
  if (known) return known;
  let devices = noDevices;
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
      // Enumeration refused (no permission yet, or no secure context): the lists stay as they were.
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
