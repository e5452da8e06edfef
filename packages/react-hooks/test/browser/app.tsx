// A small app on the hooks and the real twilio-video SDK; the test tells it where roomlab is.

import { createRoot } from 'react-dom/client';
import { connect } from 'twilio-video';
import {
  RoomProvider,
  useIsRecording,
  useLocalParticipant,
  useMainParticipant,
  useParticipants,
  useRoomConnection,
} from '../../src/index.js';

const query = new URLSearchParams(location.search);

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

function App() {
  const { state, room, error } = useRoomConnection(connect as never, query.get('token'), {
    name: query.get('room') ?? 'hooks',
    wsServer: query.get('ws') ?? '',
    insights: false,
    iceServers: [],
    tracks: [],
  });
  return (
    <main>
      <p id="state">{`${state}${error ? ` ${error.code}` : ''}`}</p>
      <RoomProvider room={room}>
        <Main />
        <Recording />
        <Participants />
      </RoomProvider>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
