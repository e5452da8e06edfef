import {
  RoomProvider,
  useIsRecording,
  useParticipants,
  useRoomConnection,
  useScreenShareParticipant,
} from '@roomlab/react-hooks';
import { useState } from 'react';
import { connect, type RemoteParticipant } from 'twilio-video';
import { Chat } from './chat.js';
import { InspectorLink } from './inspector-link.js';
import { Preview } from './lobby-preview.js';
import { cameraSize, LocalTile } from './local-tile.js';
import { Tile } from './tile.js';

/**
 * What the demo server tells the page: a token for this identity and room, and where signaling is.
 * Without `wsServer` the SDK goes to Twilio's own signaling host, which roomlab's proxy answers.
 */
interface Join {
  token: string;
  room: string;
  wsServer?: string;
}

/** Who is sharing a screen, as the others see it. */
function Presenter() {
  const presenter = useScreenShareParticipant();
  return presenter ? <p id="presenter">{`${presenter.identity} is sharing their screen`}</p> : null;
}

function RecordingBadge() {
  const recording = useIsRecording();
  return recording ? <span className="recording">● Recording</span> : null;
}

function Grid() {
  const participants = useParticipants<RemoteParticipant>();
  return (
    <div className="grid">
      <LocalTile />
      {participants.map((participant) => (
        <Tile key={participant.sid} participant={participant} />
      ))}
    </div>
  );
}

function InRoom({ join, leave }: { join: Join; leave: () => void }) {
  const { state, room, error } = useRoomConnection(connect, join.token, {
    name: join.room,
    ...(join.wsServer ? { wsServer: join.wsServer } : {}),
    insights: false,
    iceServers: [],
    audio: true,
    video: cameraSize,
    dominantSpeaker: true,
    networkQuality: { local: 1, remote: 1 },
  });
  return (
    <main>
      {/* The provider holds the controls too: the recording badge reads the room. */}
      <RoomProvider room={room}>
        <div className="controls">
          <strong id="room-state">{`${join.room}: ${state}${error ? ` (${error.code} ${error.message})` : ''}`}</strong>
          <RecordingBadge />
          <button type="button" onClick={leave}>
            Leave
          </button>
          <InspectorLink />
        </div>
        <Presenter />
        <Grid />
        <Chat />
      </RoomProvider>
    </main>
  );
}

export function App() {
  const params = new URLSearchParams(location.search);
  const [identity, setIdentity] = useState(params.get('identity') ?? '');
  const [roomName, setRoomName] = useState(params.get('room') ?? 'demo');
  const [join, setJoin] = useState<Join | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (join) return <InRoom join={join} leave={() => setJoin(null)} />;
  return (
    <main>
      <h1>roomlab demo</h1>
      <p>
        See the rooms, requests and webhooks as roomlab sees them: <InspectorLink />
      </p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const response = await fetch(`/token?${new URLSearchParams({ identity, room: roomName })}`);
          if (response.ok) setJoin((await response.json()) as Join);
          else setProblem(await response.text());
        }}
      >
        <TextField label="Your name" value={identity} onChange={setIdentity} />
        <TextField label="Room" value={roomName} onChange={setRoomName} />
        <button type="submit">Join</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      <Preview />
    </main>
  );
}

/** A required text input labelled by its placeholder. */
function TextField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <input
      aria-label={props.label}
      placeholder={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required
    />
  );
}
