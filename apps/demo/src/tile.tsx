import {
  AudioTrack,
  useAudioLevel,
  useDominantSpeaker,
  useIsTrackEnabled,
  useNetworkQualityLevel,
  usePublications,
  useTrack,
  VideoTrack,
} from '@roomlab/react-hooks';
import type {
  LocalParticipant,
  RemoteParticipant,
  RemoteTrackPublication,
  AudioTrack as SdkAudioTrack,
} from 'twilio-video';

/** Network quality as five bars. */
export function Bars({ participant }: { participant: RemoteParticipant | LocalParticipant }) {
  const level = useNetworkQualityLevel(participant);
  return <span className="quality">{level === null ? '' : '▮'.repeat(level) + '▯'.repeat(5 - level)}</span>;
}

/** How loud a microphone is now, as a meter. */
export function AudioLevel({ track }: { track: SdkAudioTrack | null }) {
  const level = useAudioLevel(track);
  return <meter className="audio-level" aria-label="Audio level" min={0} max={1} value={level} />;
}

function RemoteMedia({ publication }: { publication: RemoteTrackPublication }) {
  const track = useTrack(publication);
  const enabled = useIsTrackEnabled(publication);
  if (track?.kind === 'video') return <VideoTrack track={track} />;
  if (track?.kind !== 'audio') return null;
  return (
    <>
      <AudioTrack track={track} />
      <AudioLevel track={track} />
      {!enabled && <span className="muted">muted</span>}
    </>
  );
}

const videoFirst = (a: RemoteTrackPublication, b: RemoteTrackPublication) =>
  Number(b.kind === 'video') - Number(a.kind === 'video');

/** A remote participant: their video, audio with its level and muted state, name and network quality. */
export function Tile({ participant }: { participant: RemoteParticipant }) {
  const publications = usePublications(participant);
  const speaker = useDominantSpeaker();
  return (
    <div
      className={`tile${speaker?.sid === participant.sid ? ' speaking' : ''}`}
      data-identity={participant.identity}
    >
      {[...publications].sort(videoFirst).map((publication) => (
        <RemoteMedia key={publication.trackSid} publication={publication} />
      ))}
      <p>
        {participant.identity} <Bars participant={participant} />
      </p>
    </div>
  );
}
