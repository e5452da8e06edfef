import { memoryLogger } from '@roomlab/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { impairPeerConnection } from './impairment.js';
import { createLifetime } from './lifetime.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A socket as werift's ICE keeps one, noting what went out on the wire and what reached werift. */
function fakeSocket() {
  const wire: string[] = [];
  const heard: string[] = [];
  return {
    wire,
    heard,
    socket: {
      closed: false,
      send: async (data: Buffer) => {
        wire.push(data.toString());
      },
      onData: (data: Buffer, _addr: unknown) => {
        heard.push(data.toString());
      },
    },
  };
}

/** The parts of a werift peer connection the impairment reaches: its ICE transports' sockets. */
function fakePeerConnection() {
  const protocols: { transport: ReturnType<typeof fakeSocket>['socket'] }[] = [];
  const gathering = new Set<() => void>();
  const pc = {
    iceTransports: [{ connection: { protocols } }],
    iceGatheringStateChange: {
      subscribe: (listener: () => void) => {
        gathering.add(listener);
        return { unSubscribe: () => gathering.delete(listener) };
      },
    },
  };
  const gather = () => {
    const made = fakeSocket();
    protocols.push({ transport: made.socket });
    for (const listener of gathering) listener();
    return made;
  };
  return { pc: pc as unknown as RTCPeerConnection, gather, listeners: () => gathering.size };
}

const datagram = (text: string) => Buffer.from(text);

describe("the impairment of a client's peer connection", () => {
  it('delays what the SFU sends and what it receives, on every socket, gathered before or after', async () => {
    const { pc, gather } = fakePeerConnection();
    const lifetime = createLifetime();
    const impairment = impairPeerConnection({ pc, lifetime, logger: memoryLogger() });
    const early = gather();
    impairment.set({ latencyMs: 80 });
    const late = gather();
    for (const { socket } of [early, late]) {
      await socket.send(datagram('out'));
      socket.onData(datagram('in'), ['198.18.0.1', 5000]);
    }
    expect([...early.wire, ...early.heard, ...late.wire, ...late.heard]).toEqual([]);
    vi.advanceTimersByTime(80);
    expect([early.wire, early.heard, late.wire, late.heard]).toEqual([['out'], ['in'], ['out'], ['in']]);
    lifetime.end();
  });

  it('loses datagrams both ways, and carries them again once cleared', async () => {
    const { pc, gather } = fakePeerConnection();
    const lifetime = createLifetime();
    const impairment = impairPeerConnection({ pc, lifetime, logger: memoryLogger() });
    const { socket, wire, heard } = gather();
    impairment.set({ packetLossPercent: 100 });
    await socket.send(datagram('lost'));
    socket.onData(datagram('lost'), ['198.18.0.1', 5000]);
    impairment.set(null);
    await socket.send(datagram('out'));
    socket.onData(datagram('in'), ['198.18.0.1', 5000]);
    expect([wire, heard]).toEqual([['out'], ['in']]);
    lifetime.end();
  });

  it('logs a failure of what it delays rather than throwing it from a timer', async () => {
    const { pc, gather } = fakePeerConnection();
    const lifetime = createLifetime();
    const logger = memoryLogger();
    const impairment = impairPeerConnection({ pc, lifetime, logger });
    const { socket } = gather();
    socket.onData = () => {
      throw new Error('werift failed');
    };
    socket.send = () => Promise.reject(new Error('socket closed'));
    impairment.set({ latencyMs: 10 });
    socket.onData(datagram('in'), ['198.18.0.1', 5000]);
    await socket.send(datagram('out'));
    vi.advanceTimersByTime(10);
    await vi.waitFor(() => expect(logger.entries.map((entry) => entry.message)).toHaveLength(2));
    expect(logger.entries.map((entry) => entry.message).sort()).toEqual([
      'an impaired datagram was not sent',
      'an impaired datagram was not taken',
    ]);
    lifetime.end();
  });

  it('leaves the sockets alone until a condition is set, and clears every timer when its lifetime ends', async () => {
    const { pc, gather, listeners } = fakePeerConnection();
    const lifetime = createLifetime();
    const impairment = impairPeerConnection({ pc, lifetime, logger: memoryLogger() });
    const made = gather();
    const { send } = made.socket;
    impairment.set(null);
    expect(made.socket.send).toBe(send);
    impairment.set({ latencyMs: 1000 });
    expect(made.socket.send).not.toBe(send);
    await made.socket.send(datagram('never'));
    expect(vi.getTimerCount()).toBe(1);
    lifetime.end();
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners()).toBe(0);
    vi.advanceTimersByTime(2000);
    expect(made.wire).toEqual([]);
  });
});
