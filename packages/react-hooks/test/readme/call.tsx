// The README's example, verbatim but for the import path; readme.test.tsx checks they agree and runs it.

import {
  connect,
  createLocalAudioTrack,
  type LocalParticipant,
  type RemoteParticipant,
  type RemoteTrackPublication,
} from 'twilio-video';
import {
  AudioTrack,
  RoomProvider,
  useAudioLevel,
  useLocalAudioToggle,
  useLocalParticipant,
  useParticipants,
  usePublications,
  useRoomConnection,
  useTrack,
  VideoTrack,
} from '../../src/index.js';

function Media({ publication }: { publication: RemoteTrackPublication }) {
  const track = useTrack(publication); // null until subscribed
  const level = useAudioLevel(track?.kind === 'audio' ? track : null); // 0..1
  if (track?.kind === 'video') return <VideoTrack track={track} />;
  if (track?.kind === 'audio')
    return (
      <>
        <AudioTrack track={track} />
        <meter value={level} />
      </>
    );
  return null;
}

function Tile({ participant }: { participant: RemoteParticipant }) {
  const publications = usePublications(participant);
  return (
    <figure>
      {publications.map((publication) => (
        <Media key={publication.trackSid} publication={publication} />
      ))}
      <figcaption>{participant.identity}</figcaption>
    </figure>
  );
}

function Controls() {
  const local = useLocalParticipant<LocalParticipant>();
  // Mutes and unmutes; with `create`, makes and publishes a microphone when there is none.
  const mic = useLocalAudioToggle(local, { create: () => createLocalAudioTrack() });
  return (
    <>
      <button type="button" onClick={mic.toggle} disabled={mic.pending}>
        {mic.enabled ? 'Mute' : 'Unmute'}
      </button>
      {mic.error && <p role="alert">{mic.error.message}</p>}
    </>
  );
}

function Grid() {
  const participants = useParticipants<RemoteParticipant>(); // join order; same array until it changes
  return participants.map((participant) => <Tile key={participant.sid} participant={participant} />);
}

export function Call({ token }: { token: string }) {
  // Connects while mounted, disconnects on unmount; one connection under StrictMode.
  const { state, room, error } = useRoomConnection(connect, token, {
    name: 'standup',
    audio: true,
    video: true,
  });
  return (
    <RoomProvider room={room}>
      <p>
        {state}
        {error && ` (${error.code}: ${error.message})`}
      </p>
      <Controls />
      <Grid />
    </RoomProvider>
  );
}
