import {
  useDeviceSelect,
  useLocalAudioToggle,
  useLocalParticipant,
  useLocalVideoToggle,
  useScreenShareToggle,
  useTracks,
  VideoTrack,
} from '@roomlab/react-hooks';
import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  type LocalAudioTrack,
  type LocalParticipant,
  type LocalTrack,
  type LocalVideoTrack,
} from 'twilio-video';
import { AudioLevel, Bars } from './tile.js';

export const cameraSize = { width: 320, height: 240 };
const makeCamera = () => createLocalVideoTrack(cameraSize);
const makeMicrophone = () => createLocalAudioTrack();

const isCamera = (track: LocalTrack): track is LocalVideoTrack =>
  track.kind === 'video' && track.name !== 'screen';
const isMicrophone = (track: LocalTrack): track is LocalAudioTrack => track.kind === 'audio';

/** You: your camera and microphone level, their toggles, a camera picker and screen sharing. */
export function LocalTile() {
  const local = useLocalParticipant<LocalParticipant>();
  const tracks = useTracks(local);
  const camera = tracks.find(isCamera) ?? null;
  const microphone = tracks.find(isMicrophone) ?? null;
  const mic = useLocalAudioToggle(local, { create: makeMicrophone });
  // As Twilio's reference app does: a stopped camera is released (its light goes out), and made anew.
  const video = useLocalVideoToggle(local, { create: makeCamera, releaseWhenOff: true });
  const picker = useDeviceSelect('videoinput', camera, { constraints: cameraSize });
  const screenShare = useScreenShareToggle(local);
  const problems = [mic.error, video.error, picker.error, screenShare.error].filter(
    (error) => error !== null,
  );
  return (
    <div className="tile" data-identity={local?.identity}>
      <VideoTrack track={camera} />
      <AudioLevel track={microphone} />
      <p>
        {local?.identity} (you) {local && <Bars participant={local} />}
      </p>
      <div className="controls">
        <button type="button" onClick={mic.toggle} disabled={mic.pending}>
          {mic.enabled ? 'Mute' : 'Unmute'}
        </button>
        <button type="button" onClick={video.toggle} disabled={video.pending}>
          {video.enabled ? 'Stop camera' : 'Start camera'}
        </button>
        <button type="button" onClick={screenShare.toggle}>
          {screenShare.sharing ? 'Stop sharing' : 'Share screen'}
        </button>
        {camera && picker.devices.length > 1 && (
          <select
            aria-label="Camera"
            value={picker.activeDeviceId ?? ''}
            onChange={(event) => picker.select(event.target.value)}
          >
            {picker.devices.map((device) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || device.deviceId}
              </option>
            ))}
          </select>
        )}
      </div>
      {problems.map((problem) => (
        <p role="alert" key={problem.message}>
          {problem.message}
        </p>
      ))}
    </div>
  );
}
