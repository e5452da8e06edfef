import { useInspectorData } from './inspector-context.js';
import { MediaPlayer } from './media-player.js';
import { duration } from './time-format.js';

/** Every account's recordings and compositions, with a player for each one whose file is finished. */
export function MediaPanel() {
  const { state } = useInspectorData();
  const recordings = state?.accounts.flatMap((account) => account.recordings ?? []) ?? [];
  const compositions = state?.accounts.flatMap((account) => account.compositions ?? []) ?? [];
  return (
    <section aria-labelledby="media-heading" className="panel">
      <h2 id="media-heading">Recordings and compositions</h2>
      <h3>Recordings</h3>
      {recordings.length === 0 ? (
        <p className="none">No recordings.</p>
      ) : (
        <ul className="media">
          {recordings.map((recording) => (
            <li key={recording.sid} data-sid={recording.sid}>
              {recording.kind} of {recording.participantIdentity} ("{recording.trackName}"){' '}
              <span className={`status ${recording.status}`}>{recording.status}</span>
              <span className="meta">
                {' '}
                <code>{recording.sid}</code> · room <code>{recording.roomSid}</code>
                {recording.duration === null ? '' : ` · ${duration(recording.duration * 1000)}`}
              </span>
              {recording.status === 'completed' && (
                <MediaPlayer
                  sid={recording.sid}
                  kind={recording.kind}
                  label={`Recording ${recording.sid}, ${recording.kind} of ${recording.participantIdentity}`}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Compositions</h3>
      {compositions.length === 0 ? (
        <p className="none">No compositions.</p>
      ) : (
        <ul className="media">
          {compositions.map((composition) => (
            <li key={composition.sid} data-sid={composition.sid}>
              {composition.format} of room <code>{composition.roomSid}</code>{' '}
              <span className={`status ${composition.status}`}>{composition.status}</span>
              <span className="meta">
                {' '}
                <code>{composition.sid}</code>
                {composition.status === 'processing' ? ` · ${composition.progress}%` : ''}
              </span>
              {composition.status === 'completed' && (
                <MediaPlayer
                  sid={composition.sid}
                  kind={Object.keys(composition.videoLayout).length === 0 ? 'audio' : 'video'}
                  label={`Composition ${composition.sid}`}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
