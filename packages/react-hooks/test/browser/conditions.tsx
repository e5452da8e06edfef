// What the test app shows of network conditions, each from one hook: network quality levels and stats,
// the dominant speaker (with every one seen), and of each remote camera its switched-off state and
// publish priority, with the buttons a user would press to switch it off and on or raise their own.

import { useEffect, useState } from 'react';
import type {
  LocalParticipant,
  NetworkQualitySendOrRecvStats,
  NetworkQualityStats,
  RemoteParticipant,
  RemoteTrackPublication,
  RemoteVideoTrack,
} from 'twilio-video';
import {
  useDominantSpeaker,
  useIsTrackSwitchedOff,
  useNetworkQualityLevel,
  useNetworkQualityStats,
  usePublications,
  useTrack,
  useTrackPriority,
  VideoTrack,
} from '../../src/index.js';

/** The largest loss fraction in the stats behind a level (verbosity 3), or null when none came. */
function largestLoss(stats: NetworkQualityStats | null): number | null {
  const directions: (NetworkQualitySendOrRecvStats | null | undefined)[] = [
    stats?.audio?.sendStats,
    stats?.audio?.recvStats,
    stats?.video?.sendStats,
    stats?.video?.recvStats,
  ];
  const losses = directions
    .map((direction) => direction?.fractionLost?.fractionLost)
    .filter((loss): loss is number => typeof loss === 'number');
  return losses.length ? Math.max(...losses) : null;
}

/** A participant's network quality: the level, and the stats that came with its last change. */
export function Quality({ participant }: { participant: LocalParticipant | RemoteParticipant }) {
  const level = useNetworkQualityLevel(participant);
  const stats = useNetworkQualityStats<NetworkQualityStats>(participant);
  const loss = largestLoss(stats);
  return (
    <span className="quality">
      <span className="level">{level ?? 'unknown'}</span>
      <span className="stats-level">{stats ? stats.level : 'no stats'}</span>
      <span className="stats-video">{stats?.video ? `${stats.video.send}/${stats.video.recv}` : ''}</span>
      <span className="stats-loss">{loss === null ? '' : loss.toFixed(2)}</span>
    </span>
  );
}

/** Who speaks now (a remote participant, or nobody), and every speaker this page has shown, in order. */
export function DominantSpeaker() {
  const identity = useDominantSpeaker()?.identity ?? 'nobody';
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(
    () => setSeen((before) => (before.at(-1) === identity ? before : [...before, identity])),
    [identity],
  );
  return (
    <>
      <p id="dominant">{identity}</p>
      <ol id="dominant-history">
        {seen.map((who, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows; a speaker may come back
          <li key={index}>{who}</li>
        ))}
      </ol>
    </>
  );
}

/**
 * A remote camera as it plays, whether it is switched off (read from the track and, as apps also do, from
 * its publication), its publish priority, and buttons to switch it off and on.
 */
function RemoteCamera({ publication }: { publication: RemoteTrackPublication }) {
  const track = useTrack(publication) as RemoteVideoTrack | null;
  const offByTrack = useIsTrackSwitchedOff(track);
  const offByPublication = useIsTrackSwitchedOff(publication);
  const priority = useTrackPriority(publication);
  return (
    <span className="camera">
      <VideoTrack track={track} />
      <span className="switched">{offByTrack ? 'switched off' : 'switched on'}</span>
      <span className="publication-switched">{offByPublication ? 'switched off' : 'switched on'}</span>
      <span className="priority">{priority ?? 'none'}</span>
      <button type="button" disabled={!track} onClick={() => track?.switchOff()}>
        Switch off
      </button>
      <button type="button" disabled={!track} onClick={() => track?.switchOn()}>
        Switch on
      </button>
    </span>
  );
}

/** A remote participant: name, network quality and camera. */
export function RemoteConditions({ participant }: { participant: RemoteParticipant }) {
  const cameras = usePublications(participant).filter((publication) => publication.kind === 'video');
  return (
    <li data-identity={participant.identity}>
      <span className="identity">{participant.identity}</span>
      <Quality participant={participant} />
      {cameras.map((publication) => (
        <RemoteCamera key={publication.trackSid} publication={publication} />
      ))}
    </li>
  );
}

/** Your own network quality, and buttons that set your camera's publish priority. */
export function LocalConditions({ participant }: { participant: LocalParticipant }) {
  const [camera] = usePublications(participant).filter((publication) => publication.kind === 'video');
  return (
    <div id="local" data-sid={participant.sid}>
      <Quality participant={participant} />
      {(['high', 'low'] as const).map((priority) => (
        <button key={priority} type="button" disabled={!camera} onClick={() => camera?.setPriority(priority)}>
          {`Priority ${priority}`}
        </button>
      ))}
    </div>
  );
}
