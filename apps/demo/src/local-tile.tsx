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
import { DevicePicker } from './device-picker.js';
import { Problems } from './problems.js';
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
        {camera && (
          <DevicePicker
            label="Camera"
            devices={picker.devices}
            value={picker.activeDeviceId ?? undefined}
            onChange={picker.select}
          />
        )}
      </div>
      <Problems errors={[mic.error, video.error, picker.error, screenShare.error]} />
    </div>
  );
}
