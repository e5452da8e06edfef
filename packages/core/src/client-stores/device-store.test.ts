import { describe, expect, it } from 'vitest';
import { deviceStore } from './device-store.js';

class FakeMediaDevices extends EventTarget {
  list: { deviceId: string; kind: string; label: string }[] = [
    { deviceId: 'c1', kind: 'videoinput', label: 'A' },
  ];
  enumerateDevices() {
    return Promise.resolve(this.list as unknown as MediaDeviceInfo[]);
  }
}

describe('deviceStore', () => {
  it('lists devices by kind once read, again on devicechange, and stops listening when unread', async () => {
    const devices = new FakeMediaDevices();
    const store = deviceStore(devices);
    let told = 0;
    const stop = store.subscribe(() => told++);
    await Promise.resolve();
    expect(store.getSnapshot().videoInputs.map((device) => device.deviceId)).toEqual(['c1']);
    devices.list.push({ deviceId: 'm1', kind: 'audioinput', label: 'M' });
    devices.dispatchEvent(new Event('devicechange'));
    await Promise.resolve();
    expect(store.getSnapshot().audioInputs.map((device) => device.deviceId)).toEqual(['m1']);
    stop();
    devices.list.push({ deviceId: 'c2', kind: 'videoinput', label: 'B' });
    devices.dispatchEvent(new Event('devicechange'));
    await Promise.resolve();
    expect([store.getSnapshot().videoInputs.length, told]).toEqual([1, 2]);
  });
});
