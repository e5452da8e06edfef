import { useDevices, useLocalTrack, VideoTrack } from '@roomlab/react-hooks';
import { useState } from 'react';
import { createLocalAudioTrack, createLocalVideoTrack } from 'twilio-video';
import { DevicePicker } from './device-picker.js';
import { cameraSize } from './local-tile.js';
import { Problems } from './problems.js';
import { AudioLevel } from './tile.js';

/** The lobby's camera and microphone check, with a camera picker; both are released on joining. */
export function Preview() {
  const { videoInputs } = useDevices();
  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const camera = useLocalTrack(
    () => createLocalVideoTrack({ ...cameraSize, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) }),
    deviceId,
  );
  const microphone = useLocalTrack(createLocalAudioTrack);
  return (
    <section className="preview">
      <VideoTrack track={camera.track} id="preview" />
      <AudioLevel track={microphone.track} />
      <DevicePicker label="Camera" devices={videoInputs} value={deviceId} onChange={setDeviceId} />
      <Problems errors={[camera.error, microphone.error]} />
    </section>
  );
}
