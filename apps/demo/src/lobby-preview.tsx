import { useDevices, useLocalTrack, VideoTrack } from '@roomlab/react-hooks';
import { useState } from 'react';
import { createLocalAudioTrack, createLocalVideoTrack } from 'twilio-video';
import { cameraSize } from './local-tile.js';
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
  const problems = [camera.error, microphone.error].filter((error) => error !== null);
  return (
    <section className="preview">
      <VideoTrack track={camera.track} id="preview" />
      <AudioLevel track={microphone.track} />
      {videoInputs.length > 1 && (
        <select aria-label="Camera" value={deviceId} onChange={(event) => setDeviceId(event.target.value)}>
          {videoInputs.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || device.deviceId}
            </option>
          ))}
        </select>
      )}
      {problems.map((problem) => (
        <p role="alert" key={problem.message}>
          {problem.message}
        </p>
      ))}
    </section>
  );
}
