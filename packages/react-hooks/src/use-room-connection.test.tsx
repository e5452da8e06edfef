import { EventEmitter } from 'node:events';
import type { RoomLike } from '@roomlab/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionGraceMs } from './room-connection.js';
import { useRoomConnection } from './use-room-connection.js';

class FakeRoom extends EventEmitter implements RoomLike {
  sid = 'RM1';
  name = 'standup';
  state = 'connected';
  participants = new Map();
  localParticipant = Object.assign(new EventEmitter(), { sid: 'PA0', identity: 'me' });
  dominantSpeaker = null;
  isRecording = false;
  disconnect = vi.fn(() => {
    this.state = 'disconnected';
    this.emit('disconnected', this, undefined);
  });
}

function Status({
  connect,
  token,
}: {
  connect: (token: string, options: object) => Promise<FakeRoom>;
  token: string | null;
}) {
  const { state, room, error } = useRoomConnection(connect, token, { name: 'standup' });
  return <p data-testid="status">{`${state} ${room ? room.name : '-'} ${error ? error.code : '-'}`}</p>;
}

const status = () => screen.getByTestId('status').textContent;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useRoomConnection', () => {
  it('connects once under StrictMode, reports connecting then connected, and leaves the room after unmount', async () => {
    vi.useFakeTimers();
    const room = new FakeRoom();
    let resolve: (room: FakeRoom) => void = () => undefined;
    const connect = vi.fn(() => new Promise<FakeRoom>((done) => (resolve = done)));
    const view = render(
      <StrictMode>
        <Status connect={connect} token="token-1" />
      </StrictMode>,
    );
    expect(status()).toBe('connecting - -');
    await act(async () => resolve(room));
    expect(status()).toBe('connected standup -');
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledWith('token-1', { name: 'standup' });
    view.unmount();
    expect(room.disconnect).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(connectionGraceMs + 1));
    expect(room.disconnect).toHaveBeenCalledTimes(1);
  });

  it('shows reconnecting and a disconnect with its error', async () => {
    const room = new FakeRoom();
    render(<Status connect={async () => room} token="token-2" />);
    await act(async () => {});
    act(() => {
      room.emit('reconnecting', { code: 53001, message: 'Signaling connection disconnected' });
    });
    expect(status()).toBe('reconnecting standup 53001');
    act(() => {
      room.emit('disconnected', room, { code: 53118, message: 'Room completed' });
    });
    expect(status()).toBe('disconnected standup 53118');
  });

  it('reports a failed connect as disconnected with the error, and stays idle without a token', async () => {
    render(
      <Status
        connect={() => Promise.reject({ code: 20104, message: 'Access Token expired' })}
        token="token-3"
      />,
    );
    await act(async () => {});
    expect(status()).toBe('disconnected - 20104');
    cleanup();
    const connect = vi.fn(async () => new FakeRoom());
    render(<Status connect={connect} token={null} />);
    expect(status()).toBe('disconnected - -');
    expect(connect).not.toHaveBeenCalled();
  });
});
