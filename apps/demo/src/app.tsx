import {
  AudioTrack,
  RoomProvider,
  useDominantSpeaker,
  useLocalAudioToggle,
  useLocalVideoToggle,
  useNetworkQualityLevel,
  useParticipants,
  usePublications,
  useRoom,
  useRoomConnection,
  useTrack,
  VideoTrack,
} from '@roomlab/react-hooks';
import { useState } from 'react';
import {
  connect,
  type LocalParticipant,
  type RemoteParticipant,
  type RemoteTrackPublication,
  type Room,
} from 'twilio-video';

/** What the demo server tells the page: a token for this identity and room, and where signaling is. */
interface Join {
  token: string;
  room: string;
  wsServer: string;
}

function Bars({ participant }: { participant: RemoteParticipant | LocalParticipant }) {
  const level = useNetworkQualityLevel(participant as never);
  return <span className="quality">{level === null ? '' : '▮'.repeat(level) + '▯'.repeat(5 - level)}</span>;
}

function RemoteMedia({ publication }: { publication: RemoteTrackPublication }) {
  const track = useTrack(publication as never) as never;
  if (publication.kind === 'video') return <VideoTrack track={track} />;
  if (publication.kind === 'audio') return <AudioTrack track={track} />;
  return null;
}

function Tile({ participant }: { participant: RemoteParticipant }) {
  const publications = usePublications(participant as never) as RemoteTrackPublication[];
  const speaker = useDominantSpeaker();
  return (
    <div
      className={`tile${speaker?.sid === participant.sid ? ' speaking' : ''}`}
      data-identity={participant.identity}
    >
      {publications.map((publication) => (
        <RemoteMedia key={publication.trackSid} publication={publication} />
      ))}
      <p>
        {participant.identity} <Bars participant={participant} />
      </p>
    </div>
  );
}

function LocalTile() {
  const room = useRoom<Room & never>() as unknown as Room | null;
  const local = room?.localParticipant ?? null;
  const [micOn, toggleMic] = useLocalAudioToggle(local as never);
  const [cameraOn, toggleCamera] = useLocalVideoToggle(local as never);
  const camera = local ? [...local.videoTracks.values()][0]?.track : undefined;
  return (
    <div className="tile" data-identity={local?.identity}>
      <VideoTrack track={(camera ?? null) as never} />
      <p>{local?.identity} (you)</p>
      <div className="controls">
        <button type="button" onClick={toggleMic}>
          {micOn ? 'Mute' : 'Unmute'}
        </button>
        <button type="button" onClick={toggleCamera}>
          {cameraOn ? 'Stop camera' : 'Start camera'}
        </button>
      </div>
    </div>
  );
}

function Grid() {
  const participants = useParticipants() as unknown as RemoteParticipant[];
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
  const { state, room, error } = useRoomConnection(connect as never, join.token, {
    name: join.room,
    wsServer: join.wsServer,
    insights: false,
    iceServers: [],
    audio: true,
    video: { width: 320, height: 240 },
    dominantSpeaker: true,
    networkQuality: { local: 1, remote: 1 },
  });
  return (
    <main>
      <div className="controls">
        <strong id="room-state">{`${join.room}: ${state}${error ? ` (${error.code} ${error.message})` : ''}`}</strong>
        <button type="button" onClick={leave}>
          Leave
        </button>
      </div>
      <RoomProvider room={room}>
        <Grid />
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
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const response = await fetch(`/token?${new URLSearchParams({ identity, room: roomName })}`);
          if (response.ok) setJoin((await response.json()) as Join);
          else setProblem(await response.text());
        }}
      >
        <input
          aria-label="Your name"
          placeholder="Your name"
          value={identity}
          onChange={(e) => setIdentity(e.target.value)}
          required
        />
        <input
          aria-label="Room"
          placeholder="Room"
          value={roomName}
          onChange={(e) => setRoomName(e.target.value)}
          required
        />
        <button type="submit">Join</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
    </main>
  );
}
