import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AudioMeter, useAudioLevel } from './audio-level.js';

function Meter({
  track,
  meter,
}: {
  track: { mediaStreamTrack: MediaStreamTrack } | null;
  meter: () => AudioMeter;
}) {
  const level = useAudioLevel(track, { meter, intervalMs: 50 });
  return <p data-testid="level">{level}</p>;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useAudioLevel', () => {
  it('reads the meter while mounted, in twentieths, with one meter for every reader, closed on unmount', () => {
    vi.useFakeTimers();
    const readings = [0.31, 0.33, 0.9];
    let opened = 0;
    let closed = 0;
    const meter = () => {
      opened++;
      return { read: () => readings.shift() ?? 0, close: () => void closed++ };
    };
    const track = { mediaStreamTrack: {} as MediaStreamTrack };
    const view = render(
      <>
        <Meter track={track} meter={meter} />
        <Meter track={track} meter={meter} />
      </>,
    );
    const levels = () => screen.getAllByTestId('level').map((element) => element.textContent);
    expect(levels()).toEqual(['0', '0']);
    act(() => vi.advanceTimersByTime(50));
    expect(levels()).toEqual(['0.3', '0.3']);
    act(() => vi.advanceTimersByTime(100));
    expect(levels()).toEqual(['0.9', '0.9']);
    expect(opened).toBe(1);
    view.unmount();
    expect(closed).toBe(1);
  });

  it('is 0 without a track or without Web Audio', () => {
    render(
      <Meter
        track={{ mediaStreamTrack: {} as MediaStreamTrack }}
        meter={() => {
          throw new ReferenceError('AudioContext is not defined');
        }}
      />,
    );
    expect(screen.getByTestId('level').textContent).toBe('0');
  });
});
