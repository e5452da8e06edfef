import { EventEmitter } from 'node:events';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  useNetworkQualityLevel,
  useNetworkQualityStats,
  usePublications,
  useTracks,
} from './participant-hooks.js';
import {
  useIsTrackEnabled,
  useIsTrackSubscribed,
  useIsTrackSwitchedOff,
  useTrack,
  useTrackDimensions,
  useTrackPriority,
} from './track-hooks.js';

class FakeTrack extends EventEmitter {
  isSwitchedOff = false;
  dimensions: { width: number | null; height: number | null } = { width: null, height: null };
  constructor(readonly name: string) {
    super();
  }
}

/** Like a RemoteTrackPublication: a track once subscribed, enabled state, priority, and their events. */
class FakePublication extends EventEmitter {
  track: FakeTrack | null = null;
  isTrackEnabled = true;
  publishPriority = 'standard';
  get isSubscribed() {
    return this.track !== null;
  }
  constructor(readonly trackSid: string) {
    super();
  }
}

/** What the SDK's NetworkQualityStats holds (send and receive levels per kind), as far as these tests read. */
interface FakeQualityStats {
  level: number;
  audio: { send: number; recv: number } | null;
  video: { send: number; recv: number } | null;
}

class FakeParticipant extends EventEmitter {
  tracks = new Map<string, FakePublication>();
  networkQualityLevel: number | null = null;
  networkQualityStats: FakeQualityStats | null = null;
  /** As the SDK does when a network quality report changes the level: new stats (or none), one event. */
  reportNetworkQuality(level: number, stats: FakeQualityStats | null) {
    this.networkQualityLevel = level;
    this.networkQualityStats = stats;
    this.emit('networkQualityLevelChanged', level, stats);
  }
  publish(sid: string) {
    const publication = new FakePublication(sid);
    this.tracks.set(sid, publication);
    this.emit('trackPublished', publication);
    return publication;
  }
  /** As the SDK does when this side starts or stops receiving a publication's track. */
  subscribe(publication: FakePublication, track: FakeTrack) {
    publication.track = track;
    publication.emit('subscribed', track);
    this.emit('trackSubscribed', track, publication);
  }
  unsubscribe(publication: FakePublication) {
    const { track } = publication;
    publication.track = null;
    publication.emit('unsubscribed', track);
    this.emit('trackUnsubscribed', track, publication);
  }
}

function Publication({ publication }: { publication: FakePublication }) {
  const track = useTrack(publication);
  const enabled = useIsTrackEnabled(publication);
  const switchedOff = useIsTrackSwitchedOff(track);
  const priority = useTrackPriority(publication);
  const subscribed = useIsTrackSubscribed(publication);
  const size = useTrackDimensions(track);
  return (
    <li>{`${publication.trackSid} ${subscribed && track ? track.name : 'unsubscribed'} ${enabled ? 'on' : 'muted'} ${switchedOff ? 'switched-off' : 'live'} ${priority}${size ? ` ${size.width}x${size.height}` : ''}`}</li>
  );
}

function SwitchedOff({ source }: { source: FakePublication }) {
  return <p data-testid="switched">{String(useIsTrackSwitchedOff(source))}</p>;
}

function Tile({ participant }: { participant: FakeParticipant }) {
  const publications = usePublications(participant);
  const level = useNetworkQualityLevel(participant);
  const tracks = useTracks(participant);
  return (
    <div>
      <p data-testid="tracks">{tracks.map((track) => track.name).join(',')}</p>
      <p data-testid="quality">{level === null ? 'unknown' : `${level} bars`}</p>
      <ul>
        {publications.map((publication) => (
          <Publication key={publication.trackSid} publication={publication} />
        ))}
      </ul>
    </div>
  );
}

function QualityStats(props: { of: FakeParticipant | null; onRender(): void }) {
  const stats = useNetworkQualityStats<FakeQualityStats>(props.of);
  props.onRender();
  const kind = (name: string, levels: FakeQualityStats['audio']) =>
    levels ? `${name} send ${levels.send} recv ${levels.recv}` : `no ${name}`;
  return (
    <p data-testid="stats">
      {stats ? `${stats.level}: ${kind('audio', stats.audio)}, ${kind('video', stats.video)}` : 'no stats'}
    </p>
  );
}

const rows = () => screen.queryAllByRole('listitem').map((item) => item.textContent);

afterEach(cleanup);

describe('participant, publication and track hooks', () => {
  it('follow publications, subscriptions, muting, switch-off and priority, under StrictMode', () => {
    const participant = new FakeParticipant();
    render(
      <StrictMode>
        <Tile participant={participant} />
      </StrictMode>,
    );
    expect(rows()).toEqual([]);
    let publication: FakePublication | undefined;
    act(() => {
      publication = participant.publish('MT1');
    });
    expect(rows()).toEqual(['MT1 unsubscribed on live standard']);
    const camera = new FakeTrack('camera');
    act(() => {
      if (publication) participant.subscribe(publication, camera);
    });
    expect(rows()).toEqual(['MT1 camera on live standard']);
    expect(screen.getByTestId('tracks').textContent).toBe('camera');
    act(() => {
      camera.dimensions = { width: 640, height: 480 };
      camera.emit('dimensionsChanged', camera);
    });
    expect(rows()).toEqual(['MT1 camera on live standard 640x480']);
    act(() => {
      if (!publication) return;
      publication.isTrackEnabled = false;
      publication.emit('trackDisabled');
      camera.isSwitchedOff = true;
      camera.emit('switchedOff');
      publication.publishPriority = 'high';
      publication.emit('publishPriorityChanged', 'high');
    });
    expect(rows()).toEqual(['MT1 camera muted switched-off high 640x480']);
    act(() => {
      if (publication) participant.unsubscribe(publication);
    });
    expect(rows()).toEqual(['MT1 unsubscribed muted live high']);
    expect(screen.getByTestId('tracks').textContent).toBe('');
    act(() => {
      if (!publication) return;
      participant.tracks.delete('MT1');
      participant.emit('trackUnpublished', publication);
    });
    expect(rows()).toEqual([]);
  });

  it('read a publication as switched off while its track is, as the SDK re-emits the track’s switches', () => {
    const publication = new FakePublication('MT1');
    render(<SwitchedOff source={publication} />);
    const camera = new FakeTrack('camera');
    act(() => {
      publication.track = camera;
      publication.emit('subscribed', camera);
    });
    expect(screen.getByTestId('switched').textContent).toBe('false');
    // The SDK sets the track's state, then has the publication emit (RemoteTrackPublication's 'updated').
    act(() => {
      camera.isSwitchedOff = true;
      publication.emit('trackSwitchedOff', camera);
    });
    expect(screen.getByTestId('switched').textContent).toBe('true');
    act(() => {
      camera.isSwitchedOff = false;
      publication.emit('trackSwitchedOn', camera);
    });
    expect(screen.getByTestId('switched').textContent).toBe('false');
  });

  it('show the network quality level as it changes', () => {
    const participant = new FakeParticipant();
    render(<Tile participant={participant} />);
    expect(screen.getByTestId('quality').textContent).toBe('unknown');
    act(() => participant.reportNetworkQuality(4, null));
    expect(screen.getByTestId('quality').textContent).toBe('4 bars');
  });

  it('show the network quality stats behind the level as reports change them, re-rendering only then, and stop listening on unmount', () => {
    const participant = new FakeParticipant();
    let renders = 0;
    const counted = () => {
      renders += 1;
    };
    const view = render(<QualityStats of={participant} onRender={counted} />);
    const shown = () => screen.getByTestId('stats').textContent;
    expect(shown()).toBe('no stats');
    const good = { level: 4, audio: { send: 4, recv: 5 }, video: null };
    act(() => participant.reportNetworkQuality(4, good));
    expect(shown()).toBe('4: audio send 4 recv 5, no video');
    act(() =>
      participant.reportNetworkQuality(2, {
        level: 2,
        audio: { send: 1, recv: 3 },
        video: { send: 2, recv: 2 },
      }),
    );
    expect(shown()).toBe('2: audio send 1 recv 3, video send 2 recv 2');
    // The same stats announced again change nothing on screen, and render nothing.
    const before = renders;
    act(() => participant.emit('networkQualityLevelChanged', 2, participant.networkQualityStats));
    expect(renders).toBe(before);
    // A report with no detail (the room was joined with level-only verbosity) leaves no stats.
    act(() => participant.reportNetworkQuality(3, null));
    expect(shown()).toBe('no stats');
    view.rerender(<QualityStats of={null} onRender={counted} />);
    expect(shown()).toBe('no stats');
    expect(participant.listenerCount('networkQualityLevelChanged')).toBe(0);
    view.rerender(<QualityStats of={participant} onRender={counted} />);
    act(() => participant.reportNetworkQuality(4, good));
    expect(shown()).toBe('4: audio send 4 recv 5, no video');
    view.unmount();
    expect(participant.eventNames()).toEqual([]);
  });

  it('leave no listener behind on unmount', () => {
    const participant = new FakeParticipant();
    const publication = participant.publish('MT1');
    const view = render(<Tile participant={participant} />);
    expect(participant.eventNames().length).toBeGreaterThan(0);
    view.unmount();
    expect(participant.eventNames()).toEqual([]);
    expect(publication.eventNames()).toEqual([]);
  });
});
