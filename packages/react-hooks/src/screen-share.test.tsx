import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useScreenShareToggle } from './screen-share-hooks.js';

/** A MediaStreamTrack as the browser hands it over from getDisplayMedia. */
class FakeScreenTrack extends EventTarget {
  kind = 'video';
  stopped = false;
  stop() {
    this.stopped = true;
  }
}

function fakeParticipant() {
  return { publishTrack: vi.fn(async () => ({})), unpublishTrack: vi.fn() };
}

function Share({
  participant,
  getDisplayMedia,
}: {
  participant: ReturnType<typeof fakeParticipant>;
  getDisplayMedia: () => Promise<MediaStream>;
}) {
  const { sharing, toggle, error } = useScreenShareToggle(participant, getDisplayMedia);
  return (
    <div>
      <button type="button" onClick={toggle}>
        {sharing ? 'stop sharing' : 'share screen'}
      </button>
      {error && <p role="alert">{error.message}</p>}
    </div>
  );
}

afterEach(cleanup);

describe('useScreenShareToggle', () => {
  it('publishes the shared screen, and unpublishes and stops it when toggled off', async () => {
    const track = new FakeScreenTrack();
    const participant = fakeParticipant();
    const getDisplayMedia = async () => ({ getVideoTracks: () => [track] }) as unknown as MediaStream;
    render(<Share participant={participant} getDisplayMedia={getDisplayMedia} />);
    await act(async () => fireEvent.click(screen.getByText('share screen')));
    expect(participant.publishTrack).toHaveBeenCalledWith(track, { name: 'screen' });
    expect(screen.getByText('stop sharing')).toBeDefined();
    await act(async () => fireEvent.click(screen.getByText('stop sharing')));
    expect(participant.unpublishTrack).toHaveBeenCalledWith(track);
    expect(track.stopped).toBe(true);
    expect(screen.getByText('share screen')).toBeDefined();
  });

  it('stops when the browser ends the share, and on unmount', async () => {
    const track = new FakeScreenTrack();
    const participant = fakeParticipant();
    const view = render(
      <Share
        participant={participant}
        getDisplayMedia={async () => ({ getVideoTracks: () => [track] }) as unknown as MediaStream}
      />,
    );
    await act(async () => fireEvent.click(screen.getByText('share screen')));
    act(() => {
      track.dispatchEvent(new Event('ended'));
    });
    expect(participant.unpublishTrack).toHaveBeenCalledTimes(1);
    expect(screen.getByText('share screen')).toBeDefined();
    const second = new FakeScreenTrack();
    view.rerender(
      <Share
        participant={participant}
        getDisplayMedia={async () => ({ getVideoTracks: () => [second] }) as unknown as MediaStream}
      />,
    );
    await act(async () => fireEvent.click(screen.getByText('share screen')));
    view.unmount();
    expect(second.stopped).toBe(true);
  });

  it('shows why sharing failed', async () => {
    const participant = fakeParticipant();
    render(
      <Share
        participant={participant}
        getDisplayMedia={() => Promise.reject(new Error('Permission denied'))}
      />,
    );
    await act(async () => fireEvent.click(screen.getByText('share screen')));
    expect(screen.getByRole('alert').textContent).toBe('Permission denied');
    expect(participant.publishTrack).not.toHaveBeenCalled();
  });
});
