import { EventEmitter } from 'node:events';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDeviceSelect, useDevices } from './device-hooks.js';
import {
  type LocalMediaToggleOptions,
  useLocalAudioToggle,
  useLocalVideoToggle,
} from './local-track-hooks.js';
import { useLocalTrack } from './use-local-track.js';

/** Like a LocalAudioTrack/LocalVideoTrack: the participant hears of enable/disable, as the SDK's does. */
class FakeLocalTrack extends EventEmitter {
  isEnabled = true;
  stopped = false;
  owner: EventEmitter | null = null;
  constructor(
    readonly kind: string,
    readonly name = `${kind}-track`,
  ) {
    super();
  }
  enable() {
    this.isEnabled = true;
    this.owner?.emit('trackEnabled', this);
  }
  disable() {
    this.isEnabled = false;
    this.owner?.emit('trackDisabled', this);
  }
  stop() {
    this.stopped = true;
  }
}

class FakeLocalParticipant extends EventEmitter {
  tracks = new Map<string, { kind: string; track: FakeLocalTrack }>();
  refuse: Error | null = null;
  publish(kind: string, name?: string) {
    const track = new FakeLocalTrack(kind, name);
    void this.publishTrack(track);
    return track;
  }
  publishTrack(track: FakeLocalTrack) {
    if (this.refuse) return Promise.reject(this.refuse);
    track.owner = this;
    this.tracks.set(track.name, { kind: track.kind, track });
    this.emit('trackPublished', { kind: track.kind, track });
    return Promise.resolve({ kind: track.kind, track });
  }
  /** Silent, as the SDK's LocalParticipant is: it emits no `trackUnpublished` for its own tracks. */
  unpublishTrack(track: FakeLocalTrack) {
    this.tracks.delete(track.name);
  }
}

function Controls({
  participant,
  mic = {},
  camera = {},
}: {
  participant: FakeLocalParticipant;
  mic?: LocalMediaToggleOptions;
  camera?: LocalMediaToggleOptions;
}) {
  const microphone = useLocalAudioToggle(participant, mic);
  const video = useLocalVideoToggle(participant, camera);
  return (
    <div>
      <button type="button" onClick={microphone.toggle}>
        {microphone.enabled ? 'mute' : 'unmute'}
      </button>
      <button type="button" onClick={video.toggle}>
        {video.pending ? 'starting camera' : video.enabled ? 'camera off' : 'camera on'}
      </button>
      <p role="alert">{[microphone.error?.name, video.error?.name].filter(Boolean).join(',')}</p>
    </div>
  );
}

const refusal = () => Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });

afterEach(cleanup);

describe('microphone and camera toggles', () => {
  it('mute and unmute the published tracks, and show their state', async () => {
    const participant = new FakeLocalParticipant();
    const mic = participant.publish('audio');
    const camera = participant.publish('video');
    render(<Controls participant={participant} />);
    await act(async () => fireEvent.click(screen.getByText('mute')));
    expect(mic.isEnabled).toBe(false);
    expect(screen.getByText('unmute')).toBeDefined();
    await act(async () => fireEvent.click(screen.getByText('camera off')));
    expect(camera.isEnabled).toBe(false);
    expect(camera.stopped).toBe(false);
    expect(screen.getByText('camera on')).toBeDefined();
    act(() => mic.enable());
    expect(screen.getByText('mute')).toBeDefined();
  });

  it('leave a shared screen alone when the camera is turned off', async () => {
    const participant = new FakeLocalParticipant();
    const camera = participant.publish('video');
    const shared = participant.publish('video', 'screen');
    render(<Controls participant={participant} />);
    await act(async () => fireEvent.click(screen.getByText('camera off')));
    expect(camera.isEnabled).toBe(false);
    expect(shared.isEnabled).toBe(true);
    expect(screen.getByText('camera on')).toBeDefined();
  });

  it('make and publish a track when there is none, and release the camera when asked to', async () => {
    const participant = new FakeLocalParticipant();
    const made: FakeLocalTrack[] = [];
    let finish: () => void = () => {};
    const create = () =>
      new Promise<FakeLocalTrack>((resolve) => {
        const track = new FakeLocalTrack('video', `camera-${made.length}`);
        made.push(track);
        finish = () => resolve(track);
      });
    render(<Controls participant={participant} camera={{ create, releaseWhenOff: true }} />);
    fireEvent.click(screen.getByText('camera on'));
    expect(screen.getByText('starting camera')).toBeDefined();
    await act(async () => finish());
    expect(screen.getByText('camera off')).toBeDefined();
    expect(participant.tracks.has('camera-0')).toBe(true);
    await act(async () => fireEvent.click(screen.getByText('camera off')));
    expect(participant.tracks.size).toBe(0);
    expect(made[0]?.stopped).toBe(true);
    fireEvent.click(screen.getByText('camera on'));
    await act(async () => finish());
    expect(participant.tracks.has('camera-1')).toBe(true);
  });

  it('report a refused microphone as an error, and stop a track that could not be published', async () => {
    const participant = new FakeLocalParticipant();
    render(<Controls participant={participant} mic={{ create: () => Promise.reject(refusal()) }} />);
    await act(async () => fireEvent.click(screen.getByText('unmute')));
    expect(screen.getByRole('alert').textContent).toBe('NotAllowedError');
    expect(participant.tracks.size).toBe(0);

    cleanup();
    const made = new FakeLocalTrack('audio');
    participant.refuse = Object.assign(new Error('Track name is duplicated'), { name: 'TwilioError' });
    render(<Controls participant={participant} mic={{ create: () => Promise.resolve(made) }} />);
    await act(async () => fireEvent.click(screen.getByText('unmute')));
    expect(screen.getByRole('alert').textContent).toBe('TwilioError');
    expect(made.stopped).toBe(true);
  });

  it('say why nothing happens without a track or a way to make one', async () => {
    render(<Controls participant={new FakeLocalParticipant()} />);
    await act(async () => fireEvent.click(screen.getByText('unmute')));
    expect(screen.getByRole('alert').textContent).toBe('Error');
    expect(screen.getByText('unmute')).toBeDefined();
  });
});

function Preview({ create, deviceId }: { create: (() => Promise<FakeLocalTrack>) | null; deviceId: string }) {
  const { track, error } = useLocalTrack(create, deviceId);
  return <p data-testid="preview">{track ? track.name : error ? error.name : 'none'}</p>;
}

describe('useLocalTrack', () => {
  it('makes a track, stops it when the key changes and on unmount', async () => {
    const made: FakeLocalTrack[] = [];
    const create = (deviceId: string) => async () => {
      const track = new FakeLocalTrack('video', deviceId);
      made.push(track);
      return track;
    };
    const { rerender, unmount } = render(<Preview create={create('cam-a')} deviceId="cam-a" />);
    await act(async () => {});
    expect(screen.getByTestId('preview').textContent).toBe('cam-a');
    rerender(<Preview create={create('cam-b')} deviceId="cam-b" />);
    await act(async () => {});
    expect(screen.getByTestId('preview').textContent).toBe('cam-b');
    expect(made.map((track) => [track.name, track.stopped])).toEqual([
      ['cam-a', true],
      ['cam-b', false],
    ]);
    unmount();
    expect(made[1]?.stopped).toBe(true);
  });

  it('stops the track StrictMode made and threw away, and keeps one running', async () => {
    const made: FakeLocalTrack[] = [];
    const create = async () => {
      const track = new FakeLocalTrack('video', `cam-${made.length}`);
      made.push(track);
      return track;
    };
    render(
      <StrictMode>
        <Preview create={create} deviceId="x" />
      </StrictMode>,
    );
    await act(async () => {});
    expect(made.filter((track) => !track.stopped)).toHaveLength(1);
    expect(screen.getByTestId('preview').textContent).toBe(made.find((track) => !track.stopped)?.name);
  });

  it('gives the error when the camera cannot be had', async () => {
    const notFound = Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
    render(<Preview create={() => Promise.reject(notFound)} deviceId="x" />);
    await act(async () => {});
    expect(screen.getByTestId('preview').textContent).toBe('NotFoundError');
  });
});

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

/** Like a LocalVideoTrack made by createLocalVideoTrack: `restart` re-acquires, then emits `started`. */
class FakeRestartableTrack extends EventEmitter {
  settings = { deviceId: 'cam-a' };
  restarts: MediaTrackConstraints[] = [];
  mediaStreamTrack = { getSettings: () => this.settings };
  async restart(constraints: MediaTrackConstraints = {}) {
    this.restarts.push(constraints);
    const wanted = (constraints.deviceId as { exact: string }).exact;
    if (wanted === 'unplugged')
      throw Object.assign(new Error('Could not start video source'), { name: 'NotReadableError' });
    this.settings = { deviceId: wanted };
    this.emit('started', this);
  }
}

function CameraPicker({ track, devices }: { track: FakeRestartableTrack | null; devices: FakeMediaDevices }) {
  const picker = useDeviceSelect('videoinput', track, {
    constraints: { width: 640 },
    mediaDevices: devices as unknown as MediaDevices,
  });
  return (
    <div>
      <p data-testid="active">{`${picker.activeDeviceId} of ${picker.devices.map((d) => d.deviceId).join(',')}`}</p>
      <p role="alert">{picker.error?.name ?? ''}</p>
      <button type="button" onClick={() => picker.select('cam-b')}>
        cam-b
      </button>
      <button type="button" onClick={() => picker.select('unplugged')}>
        unplugged
      </button>
    </div>
  );
}

describe('devices', () => {
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

  it('switches a track to another camera, keeping its constraints, and reports a failed switch', async () => {
    const devices = new FakeMediaDevices();
    devices.list = [
      { deviceId: 'cam-a', kind: 'videoinput', label: 'A' },
      { deviceId: 'cam-b', kind: 'videoinput', label: 'B' },
      { deviceId: 'mic', kind: 'audioinput', label: 'M' },
    ];
    const track = new FakeRestartableTrack();
    render(<CameraPicker track={track} devices={devices} />);
    await act(async () => {});
    expect(screen.getByTestId('active').textContent).toBe('cam-a of cam-a,cam-b');
    await act(async () => fireEvent.click(screen.getByText('cam-b')));
    expect(track.restarts).toEqual([{ width: 640, deviceId: { exact: 'cam-b' } }]);
    expect(screen.getByTestId('active').textContent).toBe('cam-b of cam-a,cam-b');
    await act(async () => fireEvent.click(screen.getByText('unplugged')));
    expect(screen.getByRole('alert').textContent).toBe('NotReadableError');
    expect(screen.getByTestId('active').textContent).toBe('cam-b of cam-a,cam-b');
  });

  it('remembers the choice when there is no track yet', async () => {
    const devices = new FakeMediaDevices();
    render(<CameraPicker track={null} devices={devices} />);
    expect(screen.getByTestId('active').textContent).toBe('null of ');
    await act(async () => fireEvent.click(screen.getByText('cam-b')));
    expect(screen.getByTestId('active').textContent).toBe('cam-b of ');
  });
});
