import { EventEmitter } from 'node:events';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDataTrackMessages } from './data-track-hooks.js';
import { type AttachableTrack, AudioTrack, VideoTrack } from './media-elements.js';

/** Records attach/detach like a twilio-video track, which keeps a set of attached elements. */
class FakeMediaTrack implements AttachableTrack {
  attached = new Set<HTMLMediaElement>();
  attach(element: HTMLMediaElement) {
    this.attached.add(element);
    return element;
  }
  detach(element?: HTMLMediaElement) {
    if (element) this.attached.delete(element);
    return element ?? [];
  }
}

function Chat({ track }: { track: EventEmitter }) {
  const messages = useDataTrackMessages(track, 2);
  return (
    <ul>
      {messages.map((message) => (
        <li key={`${message.receivedAt}-${String(message.data)}`}>{String(message.data)}</li>
      ))}
    </ul>
  );
}

afterEach(cleanup);

describe('<VideoTrack> and <AudioTrack>', () => {
  it('attach the track to their element once, also under StrictMode, and detach it on unmount', () => {
    const video = new FakeMediaTrack();
    const audio = new FakeMediaTrack();
    const view = render(
      <StrictMode>
        <VideoTrack track={video} data-testid="video" />
        <AudioTrack track={audio} data-testid="audio" />
      </StrictMode>,
    );
    expect([...video.attached]).toEqual([screen.getByTestId('video')]);
    expect([...audio.attached]).toEqual([screen.getByTestId('audio')]);
    view.unmount();
    expect(video.attached.size + audio.attached.size).toBe(0);
  });

  it('move to a new track when it changes, and render nothing without one', () => {
    const first = new FakeMediaTrack();
    const second = new FakeMediaTrack();
    const view = render(<VideoTrack track={first} />);
    view.rerender(<VideoTrack track={second} />);
    expect([first.attached.size, second.attached.size]).toEqual([0, 1]);
    view.rerender(<VideoTrack track={null} />);
    expect(second.attached.size).toBe(0);
    expect(view.container.querySelector('video')).toBeNull();
  });
});

describe('useDataTrackMessages', () => {
  it('keeps the last messages a data track delivered, and stops listening on unmount', () => {
    const track = new EventEmitter();
    const view = render(<Chat track={track} />);
    act(() => {
      track.emit('message', 'hello');
      track.emit('message', 'how are you');
      track.emit('message', 'bye');
    });
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['how are you', 'bye']);
    view.unmount();
    expect(track.listenerCount('message')).toBe(0);
  });
});
