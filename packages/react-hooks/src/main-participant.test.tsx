import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocalDataTrack, useRoomMessages } from './data-track-hooks.js';
import { RoomProvider } from './room-context.js';
import { useLocalParticipant, useMainParticipant, useScreenShareParticipant } from './room-hooks.js';
import { type FakeParticipant, FakeRoom } from './test-support/fake-room.js';

function Stage({ selected = null }: { selected?: FakeParticipant | null }) {
  const main = useMainParticipant<FakeParticipant>(selected);
  const sharing = useScreenShareParticipant<FakeParticipant>();
  const local = useLocalParticipant<FakeParticipant>();
  return (
    <p data-testid="stage">{`${main?.identity ?? 'nobody'} big; ${sharing?.identity ?? 'nobody'} sharing; ${local?.identity ?? 'nobody'} here`}</p>
  );
}

const stage = () => screen.getByTestId('stage').textContent;

afterEach(cleanup);

describe('the main participant', () => {
  it('is the local participant alone, then the first to join, the dominant speaker, a screen sharer, the selected one', () => {
    const room = new FakeRoom();
    const view = render(
      <RoomProvider room={room}>
        <Stage />
      </RoomProvider>,
    );
    expect(stage()).toBe('me big; nobody sharing; me here');
    let alice: FakeParticipant | undefined;
    let bob: FakeParticipant | undefined;
    act(() => {
      alice = room.join('alice');
      bob = room.join('bob');
    });
    expect(stage()).toBe('alice big; nobody sharing; me here');
    act(() => room.speak(bob ?? null));
    expect(stage()).toBe('bob big; nobody sharing; me here');
    act(() => room.publish(alice as FakeParticipant, 'screen'));
    expect(stage()).toBe('alice big; alice sharing; me here');
    view.rerender(
      <RoomProvider room={room}>
        <Stage selected={bob} />
      </RoomProvider>,
    );
    expect(stage()).toBe('bob big; alice sharing; me here');
    act(() => room.unpublish(alice as FakeParticipant, 'screen'));
    expect(stage()).toBe('bob big; nobody sharing; me here');
  });

  it('is nobody without a room', () => {
    render(<Stage />);
    expect(stage()).toBe('nobody big; nobody sharing; nobody here');
  });
});

function Chat() {
  const local = useLocalParticipant<FakeParticipant>();
  const messages = useRoomMessages<FakeParticipant>(3);
  const chat = useLocalDataTrack(local, () => ({ send: (data: string | ArrayBuffer) => sent.push(data) }));
  const [text] = useState('hi all');
  return (
    <div>
      <ul>
        {messages.map((message) => (
          <li
            key={`${message.receivedAt}-${String(message.data)}`}
          >{`${message.participant?.identity}: ${String(message.data)}`}</li>
        ))}
      </ul>
      <button type="button" onClick={() => chat.send(text)} disabled={!chat.ready}>
        send
      </button>
    </div>
  );
}

let sent: (string | ArrayBuffer)[] = [];

describe('room messages and a local data track', () => {
  it('gather every participant’s messages in order, and send over a published track', async () => {
    sent = [];
    const room = new FakeRoom();
    const alice = room.join('alice');
    const bob = room.join('bob');
    const view = render(
      <RoomProvider room={room}>
        <Chat />
      </RoomProvider>,
    );
    await act(async () => {});
    expect(room.localParticipant.published).toHaveLength(1);
    act(() => {
      room.emit('trackMessage', 'one', {}, alice);
      room.emit('trackMessage', 'two', {}, bob);
      room.emit('trackMessage', 'three', {}, alice);
      room.emit('trackMessage', 'four', {}, bob);
    });
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'bob: two',
      'alice: three',
      'bob: four',
    ]);
    fireEvent.click(screen.getByText('send'));
    expect(sent).toEqual(['hi all']);
    view.unmount();
    expect(room.localParticipant.published).toHaveLength(0);
    expect(room.listenerCount('trackMessage')).toBe(0);
  });

  it('does not send before the track is published', () => {
    sent = [];
    const room = new FakeRoom();
    render(
      <RoomProvider room={room}>
        <Chat />
      </RoomProvider>,
    );
    const button = screen.getByText('send') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(sent).toEqual([]);
  });
});
