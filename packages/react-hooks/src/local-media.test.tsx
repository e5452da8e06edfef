import { EventEmitter } from 'node:events';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDevices } from './device-hooks.js';
import { useLocalAudioToggle, useLocalVideoToggle } from './local-track-hooks.js';

/** Like a LocalAudioTrack/LocalVideoTrack: the participant hears of enable/disable, as the SDK's does. */
class FakeLocalTrack extends EventEmitter {
  isEnabled = true;
  constructor(
    readonly kind: string,
    private readonly owner: EventEmitter,
  ) {
    super();
  }
  enable() {
    this.isEnabled = true;
    this.owner.emit('trackEnabled', this);
  }
  disable() {
    this.isEnabled = false;
    this.owner.emit('trackDisabled', this);
  }
}

class FakeLocalParticipant extends EventEmitter {
  tracks = new Map<string, { kind: string; track: FakeLocalTrack }>();
  publish(kind: string) {
    const track = new FakeLocalTrack(kind, this);
    this.tracks.set(`${kind}-${this.tracks.size}`, { kind, track });
    this.emit('trackPublished', { kind, track });
    return track;
  }
}

function Controls({ participant }: { participant: FakeLocalParticipant }) {
  const [micOn, toggleMic] = useLocalAudioToggle(participant);
  const [cameraOn, toggleCamera] = useLocalVideoToggle(participant);
  return (
    <div>
      <button type="button" onClick={toggleMic}>
        {micOn ? 'mute' : 'unmute'}
      </button>
      <button type="button" onClick={toggleCamera}>
        {cameraOn ? 'camera off' : 'camera on'}
      </button>
    </div>
  );
}

class FakeMediaDevices extends EventTarget {
  list: { deviceId: string; kind: string; label: string }[] = [];
  enumerateDevices() {
    return Promise.resolve(this.list as unknown as MediaDeviceInfo[]);
  }
}

function Pickers({ devices }: { devices: FakeMediaDevices }) {
  const { audioInputs, videoInputs } = useDevices(devices as unknown as MediaDevices);
  return (
    <p data-testid="devices">{`${audioInputs.map((d) => d.label).join(',')}|${videoInputs.map((d) => d.label).join(',')}`}</p>
  );
}

afterEach(cleanup);

describe('local media', () => {
  it('toggles the microphone and camera, and shows their state', () => {
    const participant = new FakeLocalParticipant();
    const mic = participant.publish('audio');
    const camera = participant.publish('video');
    render(<Controls participant={participant} />);
    fireEvent.click(screen.getByText('mute'));
    expect(mic.isEnabled).toBe(false);
    expect(screen.getByText('unmute')).toBeDefined();
    fireEvent.click(screen.getByText('camera off'));
    expect(camera.isEnabled).toBe(false);
    expect(screen.getByText('camera on')).toBeDefined();
    act(() => mic.enable());
    expect(screen.getByText('mute')).toBeDefined();
  });

  it('lists devices, and again when they change', async () => {
    const devices = new FakeMediaDevices();
    devices.list = [{ deviceId: 'm1', kind: 'audioinput', label: 'Built-in mic' }];
    render(<Pickers devices={devices} />);
    await act(async () => {});
    expect(screen.getByTestId('devices').textContent).toBe('Built-in mic|');
    devices.list = [...devices.list, { deviceId: 'c1', kind: 'videoinput', label: 'USB camera' }];
    await act(async () => {
      devices.dispatchEvent(new Event('devicechange'));
    });
    expect(screen.getByTestId('devices').textContent).toBe('Built-in mic|USB camera');
  });
});
