// A small app on the hooks and the real twilio-video SDK; the test tells it where roomlab is.

import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  connect,
  createLocalVideoTrack,
  LocalAudioTrack,
  type LocalParticipant,
  type LocalTrack,
  type RemoteParticipant,
} from 'twilio-video';
import {
  RoomProvider,
  useIsRecording,
  useLocalParticipant,
  useMainParticipant,
  useParticipants,
  useRoomConnection,
} from '../../src/index.js';

import { DominantSpeaker, LocalConditions, RemoteConditions } from './conditions.js';

const query = new URLSearchParams(location.search);
/** With media, what the microphone sends: `tone` (a loud 440 Hz oscillator) or `silence`. */
const sound = query.get('sound');

/** A microphone made with WebAudio: a tone, or a destination nothing plays into (silence). */
function microphone(kind: string): LocalAudioTrack {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  if (kind === 'tone') {
    const tone = new OscillatorNode(context, { frequency: 440 });
    tone.connect(new GainNode(context, { gain: 0.5 })).connect(destination);
    tone.start();
  }
  const [track] = destination.stream.getAudioTracks();
  if (!track) throw new Error('WebAudio gave no audio track');
  return new LocalAudioTrack(track);
}

/** The tracks to publish: none without media, else the microphone and Chromium's fake camera. */
function useTracks(): LocalTrack[] | null {
  const [tracks, setTracks] = useState<LocalTrack[] | null>(sound ? null : []);
  useEffect(() => {
    if (!sound) return;
    createLocalVideoTrack({ width: 160, height: 120, frameRate: 15 }).then(
      (camera) => setTracks([microphone(sound), camera]),
      (error: unknown) => console.error('no camera', error),
    );
  }, []);
  return tracks;
}

/** With media, what the SDK is asked for beyond signaling: every network condition the app shows. */
const mediaOptions = sound
  ? {
      networkQuality: { local: 3, remote: 3 },
      dominantSpeaker: true,
      bandwidthProfile: { video: { clientTrackSwitchOffControl: 'manual' } },
    }
  : {};

function Participants() {
  const participants = useParticipants();
  return (
    <ul>
      {participants.map((participant) => (
        <li key={participant.sid}>{participant.identity}</li>
      ))}
    </ul>
  );
}

/** Who the big tile would show: the local participant alone, then the first remote one. */
function Main() {
  const main = useMainParticipant();
  const local = useLocalParticipant();
  return <p id="main">{main ? `${main.identity}${main === local ? ' (you)' : ''}` : 'nobody'}</p>;
}

/** The room's recording indicator, as an app shows it. */
function Recording() {
  return <p id="recording">{useIsRecording() ? 'recording' : 'not recording'}</p>;
}

/** With media: the network conditions of each participant, as the hooks read them. */
function Conditions() {
  const local = useLocalParticipant<LocalParticipant>();
  const participants = useParticipants<RemoteParticipant>();
  return (
    <section id="conditions">
      {local && <LocalConditions participant={local} />}
      <DominantSpeaker />
      <ul id="remotes">
        {participants.map((participant) => (
          <RemoteConditions key={participant.sid} participant={participant} />
        ))}
      </ul>
    </section>
  );
}

function App() {
  const tracks = useTracks();
  const { state, room, error } = useRoomConnection(connect as never, tracks && query.get('token'), {
    name: query.get('room') ?? 'hooks',
    wsServer: query.get('ws') ?? '',
    insights: false,
    iceServers: [],
    tracks,
    ...mediaOptions,
  });
  return (
    <main>
      <p id="state">{`${state}${error ? ` ${error.code}` : ''}`}</p>
      <RoomProvider room={room}>
        <Main />
        <Recording />
        {sound ? <Conditions /> : <Participants />}
      </RoomProvider>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
