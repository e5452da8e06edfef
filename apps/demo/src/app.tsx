import {
  AudioTrack,
  RoomProvider,
  useDataTrackMessages,
  useDevices,
  useDominantSpeaker,
  useIsRecording,
  useLocalAudioToggle,
  useLocalVideoToggle,
  useNetworkQualityLevel,
  useParticipants,
  usePublications,
  useRoom,
  useRoomConnection,
  useScreenShareToggle,
  useTrack,
  VideoTrack,
} from '@roomlab/react-hooks';
import { useEffect, useState } from 'react';
import {
  connect,
  createLocalVideoTrack,
  LocalDataTrack,
  type LocalParticipant,
  type LocalVideoTrack,
  type RemoteDataTrack,
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

/** One remote participant's chat messages (its data track), shown as they arrive. */
function ChatFrom({ publication, identity }: { publication: RemoteTrackPublication; identity: string }) {
  const track = useTrack(publication as never) as RemoteDataTrack | null;
  const messages = useDataTrackMessages(track as never);
  return (
    <>
      {messages.map((message) => (
        <li key={`${identity}-${message.receivedAt}-${String(message.data)}`}>
          <strong>{identity}:</strong> {String(message.data)}
        </li>
      ))}
    </>
  );
}

function ChatLog({ participant }: { participant: RemoteParticipant }) {
  const publications = usePublications(participant as never) as RemoteTrackPublication[];
  return (
    <>
      {publications
        .filter((publication) => publication.kind === 'data')
        .map((publication) => (
          <ChatFrom key={publication.trackSid} publication={publication} identity={participant.identity} />
        ))}
    </>
  );
}

/** Chat over a data track this participant publishes; others' messages come over theirs. */
function Chat() {
  const room = useRoom() as unknown as Room | null;
  const participants = useParticipants() as unknown as RemoteParticipant[];
  const [track, setTrack] = useState<LocalDataTrack | null>(null);
  const [sent, setSent] = useState<{ id: number; text: string }[]>([]);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!room) return;
    const dataTrack = new LocalDataTrack({ name: 'chat' });
    room.localParticipant.publishTrack(dataTrack).then(
      () => setTrack(dataTrack),
      () => undefined,
    );
  }, [room]);
  return (
    <section className="chat">
      <ul id="chat-log">
        {sent.map((line) => (
          <li key={line.id}>
            <strong>you:</strong> {line.text}
          </li>
        ))}
        {participants.map((participant) => (
          <ChatLog key={participant.sid} participant={participant} />
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!track || !text) return;
          track.send(text);
          setSent((lines) => [...lines, { id: Date.now() + lines.length, text }]);
          setText('');
        }}
      >
        <input
          aria-label="Message"
          placeholder="Say something"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={!track}>
          Send
        </button>
      </form>
    </section>
  );
}

function RecordingBadge() {
  const recording = useIsRecording();
  return recording ? <span className="recording">● Recording</span> : null;
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
  const screenShare = useScreenShareToggle(local as never);
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
        <button type="button" onClick={screenShare.toggle}>
          {screenShare.sharing ? 'Stop sharing' : 'Share screen'}
        </button>
      </div>
      {screenShare.error && <p role="alert">{screenShare.error.message}</p>}
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
        <RecordingBadge />
        <Grid />
        <Chat />
      </RoomProvider>
    </main>
  );
}

/** The lobby's camera preview, with a picker of the cameras the browser knows; stopped when it unmounts. */
function Preview() {
  const { videoInputs } = useDevices();
  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [track, setTrack] = useState<LocalVideoTrack | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let made: LocalVideoTrack | null = null;
    let cancelled = false;
    createLocalVideoTrack({
      width: 320,
      height: 240,
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    }).then(
      (created) => {
        if (cancelled) return created.stop();
        made = created;
        setTrack(created);
      },
      (error: Error) => setProblem(error.message),
    );
    return () => {
      cancelled = true;
      made?.stop();
    };
  }, [deviceId]);
  return (
    <section className="preview">
      <VideoTrack track={track as never} id="preview" />
      {videoInputs.length > 1 && (
        <select aria-label="Camera" value={deviceId} onChange={(event) => setDeviceId(event.target.value)}>
          {videoInputs.map((device) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || device.deviceId}
            </option>
          ))}
        </select>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
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
      <Preview />
    </main>
  );
}
