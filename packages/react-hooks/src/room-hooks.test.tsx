import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomProvider } from './room-context.js';
import {
  useDominantSpeaker,
  useIsParticipantReconnecting,
  useIsRecording,
  useParticipants,
  useRoomError,
  useRoomState,
} from './room-hooks.js';
import { type FakeParticipant, FakeRoom } from './test-support/fake-room.js';

function Roster() {
  const participants = useParticipants();
  const state = useRoomState();
  const error = useRoomError();
  const speaker = useDominantSpeaker();
  const recording = useIsRecording();
  return (
    <div>
      <p data-testid="state">{`${state}${error ? ` ${error.code}` : ''}`}</p>
      <p data-testid="speaker">{speaker?.identity ?? 'nobody'}</p>
      <p data-testid="recording">{recording ? 'recording' : 'not recording'}</p>
      <ul>
        {participants.map((participant) => (
          <li key={participant.sid}>{participant.identity}</li>
        ))}
      </ul>
    </div>
  );
}

function ReconnectingMark(props: { participant: FakeParticipant | null; onRender(name: string): void }) {
  const reconnecting = useIsParticipantReconnecting(props.participant);
  const name = props.participant?.identity ?? 'nobody';
  props.onRender(name);
  return <p data-testid={name}>{reconnecting ? 'reconnecting' : 'not reconnecting'}</p>;
}

const renderRoster = (room: FakeRoom) =>
  render(
    <RoomProvider room={room}>
      <Roster />
    </RoomProvider>,
  );

const names = () => screen.queryAllByRole('listitem').map((item) => item.textContent);

afterEach(cleanup);

describe('room hooks', () => {
  it('show participants joining and leaving, in join order, under StrictMode', () => {
    const room = new FakeRoom();
    room.join('alice');
    render(
      <StrictMode>
        <RoomProvider room={room}>
          <Roster />
        </RoomProvider>
      </StrictMode>,
    );
    expect(names()).toEqual(['alice']);
    let bob: FakeParticipant | undefined;
    act(() => {
      bob = room.join('bob');
      room.join('carol');
    });
    expect(names()).toEqual(['alice', 'bob', 'carol']);
    act(() => {
      if (bob) room.leave(bob);
    });
    expect(names()).toEqual(['alice', 'carol']);
  });

  it('follow the dominant speaker, recording, and the room state with its error', () => {
    const room = new FakeRoom();
    renderRoster(room);
    expect(screen.getByTestId('state').textContent).toBe('connected');
    act(() => {
      const alice = room.join('alice');
      room.dominantSpeaker = alice;
      room.emit('dominantSpeakerChanged', alice);
      room.isRecording = true;
      room.emit('recordingStarted');
    });
    expect(screen.getByTestId('speaker').textContent).toBe('alice');
    expect(screen.getByTestId('recording').textContent).toBe('recording');
    act(() => {
      room.state = 'disconnected';
      room.emit('disconnected', room, { code: 53118, message: 'Room completed' });
    });
    expect(screen.getByTestId('state').textContent).toBe('disconnected 53118');
  });

  it("show a remote participant as reconnecting until the SDK says it is back or gone, re-rendering only that participant's mark", () => {
    const room = new FakeRoom();
    const alice = room.join('alice');
    const bob = room.join('bob');
    const renders: Record<string, number> = {};
    const counted = (name: string) => {
      renders[name] = (renders[name] ?? 0) + 1;
    };
    const view = render(
      <RoomProvider room={room}>
        <ReconnectingMark participant={alice} onRender={counted} />
        <ReconnectingMark participant={bob} onRender={counted} />
        <ReconnectingMark participant={null} onRender={counted} />
      </RoomProvider>,
    );
    const marks = () => ['alice', 'bob', 'nobody'].map((name) => screen.getByTestId(name).textContent);
    expect(marks()).toEqual(['not reconnecting', 'not reconnecting', 'not reconnecting']);
    const rendered = { ...renders };
    act(() => room.reconnecting(alice));
    expect(marks()).toEqual(['reconnecting', 'not reconnecting', 'not reconnecting']);
    expect(renders.alice).toBe((rendered.alice ?? 0) + 1);
    expect(renders.bob).toBe(rendered.bob);
    act(() => room.reconnected(alice));
    expect(marks()).toEqual(['not reconnecting', 'not reconnecting', 'not reconnecting']);
    // Bob's connection drops and he never comes back: once he is gone he is no longer reconnecting.
    act(() => room.reconnecting(bob));
    expect(marks()).toEqual(['not reconnecting', 'reconnecting', 'not reconnecting']);
    act(() => room.leave(bob));
    expect(marks()).toEqual(['not reconnecting', 'not reconnecting', 'not reconnecting']);
    view.unmount();
    expect(room.eventNames()).toEqual([]);
  });

  it('put one set of listeners on the room however many components read it, and remove them on unmount', () => {
    const room = new FakeRoom();
    const view = render(
      <RoomProvider room={room}>
        <Roster />
        <Roster />
        <Roster />
      </RoomProvider>,
    );
    expect(room.listenerCount('participantConnected')).toBe(1);
    view.unmount();
    expect(room.eventNames()).toEqual([]);
  });

  it('survive an event storm with one consistent render', () => {
    const room = new FakeRoom();
    renderRoster(room);
    act(() => {
      for (let index = 0; index < 200; index++) room.join(`guest-${index}`);
    });
    expect(names()).toHaveLength(200);
    expect(names()[199]).toBe('guest-199');
  });

  it('render without a room, and on the server', () => {
    render(
      <RoomProvider room={null}>
        <Roster />
      </RoomProvider>,
    );
    expect(screen.getByTestId('state').textContent).toBe('disconnected');
    const html = renderToString(
      <RoomProvider room={new FakeRoom()}>
        <Roster />
      </RoomProvider>,
    );
    expect(html).toContain('disconnected');
  });
});
